import { create } from "@bufbuild/protobuf";
import { type TaxId, TaxIdSchema, TinType } from "@docproc/gen/docproc/v1/values_pb.js";

/*
 * EIN prefixes the IRS assigns (campus and internet prefixes). Prefixes not
 * in this list (00, 07-09, 17-19, 28, 29, 49, 69, 70, 78, 79, 89, 96, 97)
 * are never issued.
 */
const EIN_PREFIXES = new Set(
  "01 02 03 04 05 06 10 11 12 13 14 15 16 20 21 22 23 24 25 26 27 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 71 72 73 74 75 76 77 80 81 82 83 84 85 86 87 88 90 91 92 93 94 95 98 99".split(
    " ",
  ),
);

const MASK = "[Xx*•#●]";
const SEP = "(?:\\s?[-\\u2010-\\u2014]\\s?|\\s)";
const PATTERNS: Array<{ re: RegExp; kind: "ssn" | "ein" | "bare" | "maskedSsn" | "maskedEin" | "maskedBare" }> = [
  { re: new RegExp(`(?<![\\w-])(\\d{3})${SEP}(\\d{2})${SEP}(\\d{4})(?![\\w-])`), kind: "ssn" },
  { re: new RegExp(`(?<![\\w-])(\\d{3}) (\\d{2}) (\\d{4})(?![\\w-])`), kind: "ssn" },
  { re: new RegExp(`(?<![\\w-])(\\d{2})${SEP}(\\d{7})(?![\\w-])`), kind: "ein" },
  { re: new RegExp(`(?<![\\w-])${MASK}{3}${SEP}${MASK}{2}${SEP}(\\d{4})(?![\\w-])`), kind: "maskedSsn" },
  { re: new RegExp(`(?<![\\w-])${MASK}{2}${SEP}${MASK}{3}\\s?(\\d{4})(?![\\w-])`), kind: "maskedEin" },
  { re: new RegExp(`(?<![\\w-])${MASK}{5}\\s?(\\d{4})(?![\\w-])`), kind: "maskedBare" },
  { re: /(?<![\w-])(\d{9})(?![\w-])/, kind: "bare" },
  // OCR of a truncated number often garbles the mask ("kkk *%.3418", "Hk HK 7176"): mask-like characters then 4 digits.
  { re: /^\s*(?=(?:[^\d]*[XxKkHh*•#%]){3})[XxKkHh*•#%.\-–—\s]{5,14}(\d{4})\s*$/, kind: "maskedBare" },
];

/**
 * Reads the first SSN, ITIN or EIN in a text, in full ("123-45-6789",
 * "123456789", "12-3456789") or as printed truncated ("XXX-XX-1234",
 * "***-**-1234"). The result keeps only the last four digits and a masked
 * display form; the full digits are used for the format check and dropped.
 * The hint decides the kind of a bare or truncated 9-digit number.
 */
export function parseTaxId(text: string, hint: TinType = TinType.UNSPECIFIED): TaxId | undefined {
  const s = text.normalize("NFKC");
  for (const { re, kind } of PATTERNS) {
    const m = re.exec(s);
    if (!m) continue;
    const groups = m.slice(1).join("");
    if (kind === "ssn" || kind === "bare") {
      const type =
        kind === "bare" && hint === TinType.EIN ? TinType.EIN : isItin(groups) ? TinType.ITIN : TinType.SSN;
      return build(type, groups, false);
    }
    if (kind === "ein") return build(TinType.EIN, groups, false);
    if (kind === "maskedEin") return build(TinType.EIN, groups, true);
    const type = kind === "maskedBare" && hint === TinType.EIN ? TinType.EIN : hint === TinType.ITIN ? TinType.ITIN : TinType.SSN;
    return build(type, groups, true);
  }
  return undefined;
}

function build(type: TinType, digits: string, truncated: boolean): TaxId {
  const last4 = digits.slice(-4);
  return create(TaxIdSchema, {
    type,
    last4,
    masked: type === TinType.EIN ? `**-***${last4}` : `***-**-${last4}`,
    truncatedOnDocument: truncated,
    formatValid: truncated ? last4 !== "0000" : isFormatValid(type, digits),
  });
}

/** ITINs start with 9 and have a group of 50-65, 70-88, 90-92 or 94-99. */
function isItin(d: string): boolean {
  const group = Number(d.slice(3, 5));
  return d[0] === "9" && ((group >= 50 && group <= 65) || (group >= 70 && group <= 88) || (group >= 90 && group <= 92) || group >= 94);
}

/** SSN: area not 000, 666 or 9xx; group not 00; serial not 0000. EIN: an issued prefix. */
function isFormatValid(type: TinType, d: string): boolean {
  if (type === TinType.EIN) return EIN_PREFIXES.has(d.slice(0, 2));
  if (type === TinType.ITIN) return isItin(d) && d.slice(5) !== "0000";
  const area = d.slice(0, 3);
  return area !== "000" && area !== "666" && area[0] !== "9" && d.slice(3, 5) !== "00" && d.slice(5) !== "0000";
}
