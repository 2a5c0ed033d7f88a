import { Code, ConnectError } from "@connectrpc/connect";
import type { SafeFetcher } from "./create-safe-fetcher.js";
import { parseDataUrl } from "./parse-data-url.js";
import type { SourceInput } from "./types.js";

function tooLarge(size: number | undefined, maxBytes: number): ConnectError {
  const what = size === undefined ? "content" : `${size} bytes`;
  return new ConnectError(`${what} exceeds the limit of ${maxBytes} bytes`, Code.ResourceExhausted);
}

/** The raw bytes of one source: inline content, a data: URL, or a safe fetch. */
export async function resolveSourceBytes(
  source: SourceInput,
  fetcher: SafeFetcher,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Buffer> {
  const hasUrl = typeof source.url === "string" && source.url !== "";
  const hasContent = source.content !== undefined && source.content !== null;
  if (hasUrl === hasContent) {
    throw new ConnectError("exactly one of url or content is required", Code.InvalidArgument);
  }
  let bytes: Buffer;
  if (hasContent) {
    const content = source.content as Uint8Array;
    if (content.byteLength > maxBytes) throw tooLarge(content.byteLength, maxBytes);
    bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  } else if (/^\s*data:/i.test(source.url as string)) {
    const url = source.url as string;
    // Worst case is percent-encoding (3 characters per byte); refuse before decoding anything.
    if (url.length > maxBytes * 3 + 1024) throw tooLarge(undefined, maxBytes);
    bytes = parseDataUrl(url).bytes;
    if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes);
  } else {
    bytes = await fetcher.fetch(source.url as string, signal);
  }
  if (bytes.length === 0) throw new ConnectError("empty content", Code.InvalidArgument);
  return bytes;
}
