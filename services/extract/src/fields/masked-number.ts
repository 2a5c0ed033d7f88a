import { create } from "@bufbuild/protobuf";
import { type MaskedNumber, MaskedNumberSchema } from "@docproc/gen/docproc/v1/values_pb.js";

const MASK_CHARS = "Xx*•●#.";

/**
 * Reads an account or card number as printed, in full ("688612413019",
 * "3693-1464", "4111 1111 1111 1111", "A2018130") or truncated by the
 * document ("XXXXXX4821", "****1234", "•••• 4821", "ending in 4821",
 * "...4821", "x4821"), and keeps only the last four characters. Returns
 * undefined when the text holds no number of at least 4 digits.
 */
export function parseMaskedNumber(text: string): MaskedNumber | undefined {
  const s = text.normalize("NFKC").trim();
  const ending = /\bending\s+(?:in|with)\s*:?\s*(\d{4})\b/i.exec(s);
  if (ending) return truncated(ending[1]!);
  // A run of mask characters (at least 2, or a single x/X right before exactly 4 digits) then digits.
  const masked = new RegExp(`(?:^|[^\\w])(?:[${MASK_CHARS}][\\s-]?){2,}(\\d{4,})\\b|(?:^|\\s)[xX](\\d{4})\\b`).exec(s);
  if (masked) return truncated((masked[1] ?? masked[2])!);
  // A full number: digits in groups separated by single spaces or dashes, maybe with a letter prefix.
  const full = /(?<![\w-])([A-Za-z]{0,3}\d(?:[\s-]?\d){3,30})(?![\w-])/.exec(s);
  if (!full) return undefined;
  const digits = full[1]!.replace(/[\s-]/g, "");
  const last4 = digits.slice(-4);
  return create(MaskedNumberSchema, {
    last4,
    masked: `****${last4}`,
    length: digits.replace(/\D/g, "").length,
    truncatedOnDocument: false,
  });
}

function truncated(digits: string): MaskedNumber {
  const last4 = digits.slice(-4);
  return create(MaskedNumberSchema, { last4, masked: `****${last4}`, length: 0, truncatedOnDocument: true });
}
