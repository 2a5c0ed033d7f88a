import type { TextField } from "@docproc/gen/docproc/v1/values_pb.js";
import { isValidAbaRouting } from "../../fields/index.js";
import { textField } from "./field-build.js";
import { type Reader, findBest, isListRow } from "./label-finder.js";
import type { LayoutDoc } from "./layout-doc.js";
import { ACCOUNT_TYPE, ACCOUNT_TYPE_WORDS, ROUTING_NUMBER } from "./statement-labels.js";
import { titleCaseIfUpper } from "./text-clean.js";
import { readText } from "./value-readers.js";

const TYPE_NOISE = /\b(?:statement|transfer|sav\s|xxxx|to\b|from\b|payment|deposit|withdrawal|interest\s+rate|apy)\b/i;

/**
 * The account type: a labelled value ("Account Type: Premier Checking"), else
 * a short heading naming the product ("PREMIER CHECKING", "Everyday Savings
 * Account Summary"). Printed capitals are title-cased.
 */
export function findAccountType(doc: LayoutDoc): TextField {
  const labelled = findBest(doc, ACCOUNT_TYPE, readText(5));
  if (labelled && ACCOUNT_TYPE_WORDS.test(labelled.value)) return textField(titleCaseIfUpper(labelled.value), labelled);
  for (const line of doc.lines) {
    if (line.cells && (isListRow(line) || line.cells.filter(Boolean).length > 1)) continue;
    const text = line.text
      .replace(/^your\s+/i, "")
      .replace(/\s+(?:account\s+)?(?:summary|activity|details?|information|overview)$/i, "")
      .trim();
    if (/\d/.test(text) || text.split(" ").length > 5 || !ACCOUNT_TYPE_WORDS.test(text) || TYPE_NOISE.test(text)) continue;
    return textField(titleCaseIfUpper(text), { raw: text, line, quality: 0.75 });
  }
  return labelled ? textField(titleCaseIfUpper(labelled.value), labelled) : textField(undefined);
}

const readRouting: Reader<string> = (text) => {
  const m = /^(\d(?:[\s-]?\d){8})(?!\d)/.exec(text.trimStart());
  const digits = m?.[1]?.replace(/[\s-]/g, "");
  return digits && digits.length === 9 ? { value: digits, raw: m![1]! } : undefined;
};

/** The ABA routing number when printed; a number failing the checksum is kept with low confidence. */
export function findRouting(doc: LayoutDoc): TextField {
  const found = findBest(doc, ROUTING_NUMBER, readRouting);
  if (!found) return textField(undefined);
  return textField(found.value, { ...found, quality: found.quality * (isValidAbaRouting(found.value) ? 1 : 0.5) });
}
