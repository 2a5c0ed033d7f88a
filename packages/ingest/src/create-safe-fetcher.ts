import type { LookupAddress, LookupOptions } from "node:dns";
import { Code, ConnectError } from "@connectrpc/connect";
import { Agent, request } from "undici";
import { raceAbort } from "./abort-error.js";
import { discardBody, readBodyCapped } from "./read-body-capped.js";
import { resolveAllowedAddress, type HostLookup, type ResolvedAddress } from "./resolve-allowed-address.js";

export interface SafeFetcherOptions {
  timeoutMs: number;
  maxBytes: number;
  allowPrivateNetworks: boolean;
  allowHttp: boolean;
  /** Default 3. */
  maxRedirects?: number;
  /** Replaces DNS resolution (tests map fake public names to local servers). */
  lookup?: HostLookup;
  /** Exact addresses exempt from the private-address rule. */
  allowAddresses?: readonly string[];
}

export interface SafeFetcher {
  fetch(url: string, signal?: AbortSignal): Promise<Buffer>;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** An agent whose every connection goes to the address that was checked, whatever DNS says now. */
function createPinnedAgent(target: ResolvedAddress): Agent {
  const lookup = (_hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  return new Agent({ connect: { lookup }, connections: 1, pipelining: 0 });
}

/** Parses and checks a URL; messages never echo the URL, so pre-signed query strings cannot leak. */
function checkUrl(raw: string, base: URL | undefined, allowHttp: boolean, hop: string): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new ConnectError(`fetch refused: ${hop}invalid URL`, Code.InvalidArgument);
  }
  const schemeAllowed = url.protocol === "https:" || (allowHttp && url.protocol === "http:");
  if (!schemeAllowed) {
    const only = allowHttp ? "http(s) only" : "https only";
    throw new ConnectError(`fetch refused: ${hop}scheme ${url.protocol} is not allowed (${only})`, Code.InvalidArgument);
  }
  if (url.username !== "" || url.password !== "") {
    throw new ConnectError(`fetch refused: ${hop}credentials in the URL are not allowed`, Code.InvalidArgument);
  }
  url.hash = "";
  return url;
}

function statusError(status: number): ConnectError {
  const code = status >= 500 ? Code.Unavailable : Code.FailedPrecondition;
  return new ConnectError(`fetch failed: HTTP ${status}`, code);
}

function mapError(error: unknown, signal: AbortSignal | undefined, timeout: AbortSignal, timeoutMs: number): ConnectError {
  if (timeout.aborted) return new ConnectError(`fetch timed out after ${timeoutMs} ms`, Code.DeadlineExceeded);
  if (signal?.aborted) return new ConnectError("fetch canceled", Code.Canceled);
  if (error instanceof ConnectError) return error;
  // Only the error code is kept: undici/Node messages can carry the full request URL.
  const code = (error as { code?: unknown }).code;
  const detail = typeof code === "string" ? ` (${code})` : "";
  return new ConnectError(`fetch failed: network error${detail}`, Code.Unavailable);
}

/**
 * SSRF-safe GET: https only (unless allowHttp), DNS resolved here and every address checked,
 * the connection pinned to the checked address, redirects followed by hand with the same checks
 * on every hop, a per-fetch deadline and a streamed byte cap.
 */
export function createSafeFetcher(opts: SafeFetcherOptions): SafeFetcher {
  const maxRedirects = opts.maxRedirects ?? 3;
  const policy = {
    allowPrivateNetworks: opts.allowPrivateNetworks,
    allowAddresses: opts.allowAddresses,
    lookup: opts.lookup,
  };

  async function fetchFollowingRedirects(url: URL, signal: AbortSignal): Promise<Buffer> {
    let current = url;
    for (let redirects = 0; ; redirects++) {
      const hop = redirects === 0 ? "" : `redirect ${redirects}: `;
      const target = await raceAbort(resolveAllowedAddress(current, policy, hop), signal, "fetch");
      const agent = createPinnedAgent(target);
      try {
        const response = await request(current, {
          method: "GET",
          dispatcher: agent,
          signal,
          headers: { accept: "*/*", "accept-encoding": "identity" },
        });
        const status = response.statusCode;
        if (REDIRECT_STATUSES.has(status)) {
          discardBody(response.body);
          const location = response.headers.location;
          if (typeof location !== "string" || location === "") {
            throw new ConnectError(`fetch failed: HTTP ${status} without Location`, Code.FailedPrecondition);
          }
          if (redirects >= maxRedirects) {
            throw new ConnectError(`fetch refused: more than ${maxRedirects} redirects`, Code.InvalidArgument);
          }
          current = checkUrl(location, current, opts.allowHttp, `redirect ${redirects + 1}: `);
          continue;
        }
        if (status < 200 || status > 299) {
          discardBody(response.body);
          throw statusError(status);
        }
        return await readBodyCapped(response.body, opts.maxBytes, response.headers["content-length"]);
      } finally {
        await agent.destroy().catch(() => undefined);
      }
    }
  }

  return {
    async fetch(rawUrl: string, signal?: AbortSignal): Promise<Buffer> {
      const url = checkUrl(rawUrl, undefined, opts.allowHttp, "");
      const timeout = AbortSignal.timeout(opts.timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      try {
        return await fetchFollowingRedirects(url, combined);
      } catch (error) {
        throw mapError(error, signal, timeout, opts.timeoutMs);
      }
    },
  };
}
