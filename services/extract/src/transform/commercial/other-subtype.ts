import type { LayoutDoc } from "./layout-doc.js";

/** What an "other" document most likely is, with a confidence from the vocabulary margin. */
export interface SubtypeGuess {
  subtype: "pay_stub" | "utility_bill" | "letter" | "unknown";
  confidence: number;
  /** The words that decided it. */
  evidence: string[];
}

const VOCABULARY: Record<Exclude<SubtypeGuess["subtype"], "unknown">, RegExp[]> = {
  pay_stub: [
    /earnings\s+statement/i, /pay\s*stub/i, /pay\s+slip/i, /gross\s+pay/i, /net\s+pay/i, /\bdeductions\b/i, /pay\s+date/i,
    /pay\s+period/i, /year\s+to\s+date|\bytd\b/i, /employee\s+(?:id|name|number)/i, /federal\s+income\s+tax/i,
    /social\s+security/i, /\bmedicare\b/i, /direct\s+deposit/i, /\bearnings\b/i, /\bhours\b/i, /pay\s+frequency/i,
  ],
  utility_bill: [
    /\bkwh\b/i, /\bmeter\b/i, /\busage\b/i, /service\s+address/i, /billing\s+period/i, /current\s+charges/i, /\btherms?\b/i,
    /\bgallons\b/i, /\benergy\b/i, /\belectric(?:ity)?\b/i, /\bwater\b/i, /\bgas\b/i, /\bsewer\b/i, /previous\s+read/i,
    /amount\s+due/i, /due\s+date/i, /\butility\b|\butilities\b/i,
  ],
  letter: [/^dear\b/im, /\bsincerely\b/i, /\bregards\b/i, /\bre:\s/i, /\byours\s+(?:truly|faithfully)\b/i, /\bto\s+whom\s+it\s+may\s+concern\b/i, /\benclosed\b/i],
};

/** Scores each subtype by how many of its marker phrases occur; needs 3 markers (2 for letters) to commit. */
export function guessSubtype(doc: LayoutDoc): SubtypeGuess {
  const text = doc.lines.map((l) => l.text).join("\n");
  const scores = Object.entries(VOCABULARY).map(([subtype, res]) => {
    const hits = res.filter((re) => re.test(text)).map((re) => re.exec(text)![0]);
    return { subtype: subtype as SubtypeGuess["subtype"], hits };
  });
  scores.sort((a, b) => b.hits.length - a.hits.length);
  const [best, second] = scores;
  const needed = best?.subtype === "letter" ? 2 : 3;
  if (!best || best.hits.length < needed) return { subtype: "unknown", confidence: 0.5, evidence: [] };
  const margin = best.hits.length - (second?.hits.length ?? 0);
  return { subtype: best.subtype, confidence: Math.min(0.95, 0.55 + 0.08 * margin), evidence: best.hits };
}
