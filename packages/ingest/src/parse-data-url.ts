import { Code, ConnectError } from "@connectrpc/connect";

const BASE64_ALPHABET = /^[A-Za-z0-9+/]*$/;
const ASCII_WHITESPACE = /[\t\n\f\r ]/g;

function invalid(reason: string): ConnectError {
  return new ConnectError(`data URL: ${reason}`, Code.InvalidArgument);
}

/** Percent-decodes at the byte level, leaving malformed escapes as they are (WHATWG "percent-decode"). */
function percentDecode(text: string): Buffer {
  const input = Buffer.from(text, "utf8");
  const out = Buffer.allocUnsafe(input.length);
  let length = 0;
  for (let i = 0; i < input.length; i++) {
    const byte = input[i] as number;
    if (byte === 0x25 && i + 2 < input.length) {
      const hex = String.fromCharCode(input[i + 1] as number, input[i + 2] as number);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        out[length++] = Number.parseInt(hex, 16);
        i += 2;
        continue;
      }
    }
    out[length++] = byte;
  }
  return out.subarray(0, length);
}

/** WHATWG "forgiving-base64 decode". Buffer.from(…, "base64") alone silently skips bad characters. */
function forgivingBase64(text: string): Buffer {
  let data = text.replace(ASCII_WHITESPACE, "");
  if (data.length % 4 === 0) data = data.replace(/={1,2}$/, "");
  if (data.length % 4 === 1 || !BASE64_ALPHABET.test(data)) throw invalid("invalid base64");
  return Buffer.from(data, "base64");
}

/**
 * Parses `data:[<mediatype>][;base64],<data>` following the WHATWG data: URL processor.
 * Hand-written because Node only exposes this through an async fetch() that hides why a URL
 * is bad. Returns the media type essence ("image/png"), defaulting to "text/plain".
 */
export function parseDataUrl(url: string): { mediaType: string; bytes: Buffer } {
  const trimmed = url.trim();
  if (!/^data:/i.test(trimmed)) throw invalid("not a data: URL");
  const rest = trimmed.slice("data:".length);
  const comma = rest.indexOf(",");
  if (comma < 0) throw invalid("missing ','");
  let meta = rest.slice(0, comma).trim();
  const body = rest.slice(comma + 1);
  const base64 = /;[ ]*base64[ ]*$/i.test(meta);
  if (base64) meta = meta.replace(/;[ ]*base64[ ]*$/i, "");
  const essence = (meta.split(";")[0] ?? "").trim().toLowerCase();
  const mediaType = /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/.test(essence) ? essence : "text/plain";
  const decoded = percentDecode(body);
  const bytes = base64 ? forgivingBase64(decoded.toString("latin1")) : decoded;
  return { mediaType, bytes };
}
