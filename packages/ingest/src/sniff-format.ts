import type { PageFormat } from "./types.js";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The PDF spec lets "%PDF-" follow up to 1024 bytes of junk; readers (pdf.js too) accept that. */
const PDF_HEADER_SEARCH_BYTES = 1024;

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((byte, i) => bytes[offset + i] === byte);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

function findPdfHeader(bytes: Uint8Array): boolean {
  const marker = ascii("%PDF-");
  const end = Math.min(bytes.length - marker.length, PDF_HEADER_SEARCH_BYTES);
  for (let offset = 0; offset <= end; offset++) {
    if (startsWith(bytes, marker, offset)) return true;
  }
  return false;
}

/** Identifies a supported format by magic bytes only — never by file name or Content-Type. */
export function sniffFormat(bytes: Uint8Array): PageFormat | undefined {
  if (startsWith(bytes, PNG_SIGNATURE)) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
  // Classic TIFF (42) and BigTIFF (43), little- and big-endian.
  if (
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) ||
    startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b])
  ) {
    return "tiff";
  }
  if (findPdfHeader(bytes)) return "pdf";
  return undefined;
}
