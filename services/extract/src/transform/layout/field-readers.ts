import { create } from "@bufbuild/protobuf";
import {
  type CheckboxField,
  CheckboxFieldSchema,
  CheckState,
  type DateField,
  DateFieldSchema,
  type DecimalField,
  DecimalFieldSchema,
  DecimalSchema,
  type IntField,
  IntFieldSchema,
  type MaskedNumberField,
  MaskedNumberFieldSchema,
  type MoneyField,
  MoneyFieldSchema,
  type TaxIdField,
  TaxIdFieldSchema,
  type TextField,
  TextFieldSchema,
  type TinType,
} from "@docproc/gen/docproc/v1/values_pb.js";
import { findDates } from "../../fields/dates.js";
import { MATCH_CONFIDENCE, presentMeta } from "../../fields/field-meta.js";
import { parseMaskedNumber } from "../../fields/masked-number.js";
import { maskAllButLast4, maskSsnShapes } from "../../fields/pii.js";
import { parseTaxId } from "../../fields/tax-id.js";
import type { LayoutReader } from "../layout-reader.js";
import { sourceOf } from "./layout-cells.js";
import { pickAmount } from "./pick-amount.js";
import { type ParseResult, type ReadOutcome, metaOf, readOutcome } from "./read-outcome.js";
import type { ValueLine } from "./value-region.js";

const EMPTY_VALUE = /^(?:[\s$€£.\-–—_]*|n\/?a|none)$/i;

/** Parses the first value line with a parser of one line's text. */
function firstLine<T>(parseText: (text: string, line: ValueLine) => { value: T; raw: string } | undefined): (lines: ValueLine[]) => ParseResult<T> {
  return (lines) => {
    const line = lines[0]!;
    if (EMPTY_VALUE.test(line.text)) return "blank";
    const parsed = parseText(line.text, line);
    if (parsed) return { ...parsed, line };
    return /\d/.test(line.text) ? "illegible" : "blank";
  };
}

/** A money box: "$ 1,234.56", "1234.56", "(12.50)"; a lone "$" is a blank box. */
export function readMoneyField(reader: LayoutReader, key: string): MoneyField {
  const o = readOutcome(reader, key, firstLine((text, line) => pickAmount(text, { shortIntegers: !line.adjacent })));
  return create(MoneyFieldSchema, { meta: metaOf(o), ...(o.kind === "present" ? { value: o.value } : {}) });
}

/** A text box; lines are joined with spaces. `accept` may reject or trim the text (undefined rejects). */
export function readTextField(
  reader: LayoutReader,
  key: string,
  options: { maxLines?: number; accept?: (text: string) => string | undefined } = {},
): TextField {
  const accept = options.accept ?? ((t: string) => t);
  const o = readOutcome(
    reader,
    key,
    (lines) => {
      const raw = lines.map((l) => l.text).join("\n");
      if (EMPTY_VALUE.test(raw)) return "blank";
      const value = accept(maskSsnShapes(raw.replace(/\s+/g, " ").trim()));
      return value ? { value, raw, line: lines[0]! } : "illegible";
    },
    options.maxLines ?? 1,
  );
  return create(TextFieldSchema, { meta: metaOf(o), value: o.kind === "present" ? o.value : "" });
}

/** A TIN box (SSN, EIN, ITIN, in full or truncated by the document). */
export function readTaxIdField(reader: LayoutReader, key: string, hint: TinType): TaxIdField {
  const o = readOutcome(
    reader,
    key,
    firstLine((text) => {
      const value = parseTaxId(text, hint);
      // Identifier boxes keep only the last four digits in raw_text, whatever the printed shape.
      return value && { value, raw: maskAllButLast4(text) };
    }),
  );
  return create(TaxIdFieldSchema, { meta: metaOf(maskIllegible(o)), ...(o.kind === "present" ? { value: o.value } : {}) });
}

/** An account number box; text beside the label counts only when it is nothing but the number. */
export function readMaskedNumberField(reader: LayoutReader, key: string): MaskedNumberField {
  const o = readOutcome(reader, key, (lines) => {
    const line = lines[0]!;
    if (EMPTY_VALUE.test(line.text)) return "blank";
    if (line.adjacent && /\p{L}{3,}/u.test(line.text.replace(/ending\s+in/i, ""))) return "blank";
    const value = parseMaskedNumber(line.text);
    if (value) return { value, raw: maskAllButLast4(line.text), line };
    return /\d/.test(line.text) ? "illegible" : "blank";
  });
  return create(MaskedNumberFieldSchema, { meta: metaOf(maskIllegible(o)), ...(o.kind === "present" ? { value: o.value } : {}) });
}

/** Unreadable text in an identifier box is masked like the identifier it probably is. */
function maskIllegible<T>(o: ReadOutcome<T>): ReadOutcome<T> {
  return o.kind === "illegible" ? { ...o, raw: maskAllButLast4(o.raw) } : o;
}

/** A date box. */
export function readDateField(reader: LayoutReader, key: string): DateField {
  const o = readOutcome(
    reader,
    key,
    firstLine((text) => {
      const found = findDates(text)[0];
      return found && found.date.year > 0 ? { value: found.date, raw: found.raw } : undefined;
    }),
  );
  return create(DateFieldSchema, { meta: metaOf(o), ...(o.kind === "present" ? { value: o.value } : {}) });
}

/** A whole-number box (a count, a year) within bounds. */
export function readIntField(reader: LayoutReader, key: string, bounds: { min: number; max: number }): IntField {
  const o = readOutcome(
    reader,
    key,
    firstLine((text) => {
      const m = /^\D*?(\d{1,6})\D*$/.exec(text);
      const n = m ? Number(m[1]) : Number.NaN;
      return n >= bounds.min && n <= bounds.max ? { value: BigInt(n), raw: m![1]! } : undefined;
    }),
  );
  return create(IntFieldSchema, { meta: metaOf(o), value: o.kind === "present" ? o.value : 0n });
}

/** "12.50%" or "12.5" → "12.5" (no trailing zeros, no "%"). */
export function parsePercent(text: string): { value: string; raw: string } | undefined {
  const m = /(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*%?(?![\d.])/.exec(text);
  if (!m) return undefined;
  const value = m[1]!.includes(".") ? m[1]!.replace(/0+$/, "").replace(/\.$/, "") : m[1]!;
  return { value, raw: m[0].trim() };
}

/** A percentage box. */
export function readPercentField(reader: LayoutReader, key: string): DecimalField {
  const o = readOutcome(reader, key, firstLine(parsePercent));
  return create(DecimalFieldSchema, {
    meta: metaOf(o),
    ...(o.kind === "present" ? { value: create(DecimalSchema, { value: o.value }) } : {}),
  });
}

/**
 * A checkbox: CHECKED when a mark ("X", "✓", "☒") follows the label in its
 * box or stands alone right next to it, UNCHECKED when the label is there
 * without one, NOT_FOUND without the label.
 */
export function readCheckboxField(reader: LayoutReader, key: string): CheckboxField {
  const hit = reader.hits(key)[0];
  if (!hit) return create(CheckboxFieldSchema, { value: CheckState.UNSPECIFIED, meta: metaOf({ kind: "missing" }) });
  const mark = reader.marks(hit)[0];
  if (mark) {
    const confidence = mark.adjacent ? MATCH_CONFIDENCE.ADJACENT : hit.matchConfidence;
    const printed = /^\S+/.exec(mark.cell.text.slice(mark.start))?.[0] ?? "X";
    return create(CheckboxFieldSchema, { value: CheckState.CHECKED, meta: presentMeta(sourceOf(mark.cell), printed, confidence) });
  }
  return create(CheckboxFieldSchema, { value: CheckState.UNCHECKED, meta: presentMeta(sourceOf(hit.cell), "", hit.matchConfidence * 0.9) });
}
