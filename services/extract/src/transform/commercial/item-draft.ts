import type { FoundAmount } from "../../fields/index.js";
import type { DocLine } from "./layout-doc.js";
import { normalizeDecimal } from "./value-tokens.js";

/** A line-item row before it becomes a LineItem. */
export interface ItemDraft {
  line: DocLine;
  description: string;
  code?: string;
  quantity?: { value: string; raw: string };
  unitPrice?: FoundAmount;
  amount?: FoundAmount;
}

/** A quantity cell ("12", "4.75", "2 hrs", "1,000") as a decimal string. */
export function readQuantity(text: string): { value: string; raw: string } | undefined {
  const m = /^\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d/])/.exec(text);
  if (!m) return undefined;
  const raw = m[0].trim();
  return { value: normalizeDecimal(raw), raw };
}

