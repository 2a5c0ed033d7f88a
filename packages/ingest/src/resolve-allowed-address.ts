import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { Code, ConnectError } from "@connectrpc/connect";
import ipaddr from "ipaddr.js";
import { forbiddenAddressReason } from "./is-forbidden-address.js";

/** Resolves a host name to its addresses; injectable so tests can map fake names. */
export type HostLookup = (hostname: string) => Promise<string[]>;

export interface AddressPolicy {
  allowPrivateNetworks: boolean;
  /** Exact addresses exempt from the private-address rule (e.g. one internal object store). */
  allowAddresses?: readonly string[];
  lookup?: HostLookup;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

const RANGE_LABELS: Record<string, string> = {
  private: "private",
  loopback: "loopback",
  linkLocal: "link-local",
  carrierGradeNat: "carrier-grade NAT",
  uniqueLocal: "unique-local",
  unspecified: "unspecified",
  multicast: "multicast",
  broadcast: "broadcast",
  reserved: "reserved",
};

async function defaultLookup(hostname: string): Promise<string[]> {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}

function normalise(ip: string): string {
  return ipaddr.isValid(ip) ? ipaddr.process(ip).toString() : ip;
}

/**
 * Resolves the URL's host once and checks every address it maps to. The caller must connect
 * to the returned address (not re-resolve the name), so a DNS answer that changes between
 * the check and the connect (DNS rebinding) cannot redirect the request. `hop` ("redirect 2: ")
 * goes into messages.
 */
export async function resolveAllowedAddress(url: URL, policy: AddressPolicy, hop = ""): Promise<ResolvedAddress> {
  // WHATWG URL has already normalised decimal/hex/octal/short IPv4 forms to dotted quads.
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  let addresses: string[];
  if (isIP(host) !== 0) {
    addresses = [host];
  } else {
    try {
      addresses = await (policy.lookup ?? defaultLookup)(host);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const detail = typeof code === "string" ? ` (${code})` : "";
      throw new ConnectError(`fetch failed: ${hop}DNS lookup failed${detail}`, Code.Unavailable);
    }
  }
  if (addresses.length === 0) throw new ConnectError(`fetch failed: ${hop}DNS lookup returned no address`, Code.Unavailable);

  const exempt = new Set((policy.allowAddresses ?? []).map(normalise));
  for (const address of addresses) {
    const family = isIP(address);
    if (family === 0) throw new ConnectError(`fetch refused: ${hop}invalid address (${address})`, Code.InvalidArgument);
    if (policy.allowPrivateNetworks || exempt.has(normalise(address))) continue;
    // Refuse when any answer is forbidden, not just the first: a mixed answer is a red flag.
    const reason = forbiddenAddressReason(address);
    if (reason !== undefined) {
      const label = RANGE_LABELS[reason] ?? `not public (${reason})`;
      throw new ConnectError(`fetch refused: ${hop}address is ${label} (${address})`, Code.InvalidArgument);
    }
  }
  const address = addresses[0] as string;
  return { address, family: isIP(address) === 6 ? 6 : 4 };
}
