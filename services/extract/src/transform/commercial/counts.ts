import type { Evidence } from "./field-build.js";
import { isListRow } from "./label-finder.js";
import type { LayoutDoc } from "./layout-doc.js";

const KIND_WORDS = {
  deposit: "(?:deposits?|credits?|additions?)",
  withdrawal: "(?:withdrawals?|debits?|subtractions?)",
} as const;

function patterns(kind: keyof typeof KIND_WORDS): RegExp[] {
  const w = KIND_WORDS[kind];
  return [
    // "8 deposits and 49 withdrawals", "3 Deposits/Credits"
    new RegExp(`(?<![\\d.,$])\\b(\\d{1,4})\\s+(?:total\\s+)?${w}\\b`, "i"),
    // "Deposits and Other Credits (3)", "Withdrawals (12 items)"
    new RegExp(`\\b${w}\\b[^|\\d$]{0,30}\\(\\s*(\\d{1,4})\\s*(?:items?)?\\s*\\)`, "i"),
    // "Number of deposits: 8", "# of Withdrawals 49"
    new RegExp(`(?:number|#|no\\.?|count)\\s*(?:of)?\\s*${w}[^\\d$|]{0,12}[:|]?\\s*(\\d{1,4})\\b(?![.,]\\d)`, "i"),
    // "Deposit count: 8", "Withdrawals items 49"
    new RegExp(`\\b${w}\\s*(?:count|items?)\\s*[:|]?\\s*(\\d{1,4})\\b(?![.,]\\d)`, "i"),
  ];
}

/** The printed number of deposits or withdrawals, outside transaction rows. */
export function findCount(doc: LayoutDoc, kind: keyof typeof KIND_WORDS): [number | undefined, Evidence | undefined] {
  const res = patterns(kind);
  for (const re of res) {
    for (const line of doc.lines) {
      if (isListRow(line)) continue;
      const m = re.exec(line.text);
      if (m?.[1]) return [Number(m[1]), { raw: m[1], line, quality: 0.85 }];
    }
  }
  return [undefined, undefined];
}
