import { create } from "@bufbuild/protobuf";
import {
  AddressFieldSchema,
  type CheckState,
  CheckboxFieldSchema,
  type Date as DocDate,
  DateFieldSchema,
  DecimalFieldSchema,
  DecimalSchema,
  type FieldMeta,
  IntFieldSchema,
  type MaskedNumber,
  MaskedNumberFieldSchema,
  type Money,
  MoneyFieldSchema,
  type PostalAddress,
  TextFieldSchema,
  TimeFieldSchema,
  type TimeOfDay,
} from "@docproc/gen/docproc/v1/values_pb.js";
import { type SourceRef, blankMeta, maskAllButLast4, notFoundMeta, presentMeta } from "../../fields/index.js";
import type { DocLine } from "./layout-doc.js";

/** Where a value was read and how well it matched. */
export interface Evidence {
  raw: string;
  line: DocLine;
  /** Match quality 0..1 (label specificity, position, method). */
  quality: number;
}

/** Field confidence before the engine factor: match quality on the shared 0..0.95 scale. */
export function confidenceOf(e: Evidence): number {
  return Math.round(Math.min(0.95, Math.max(0, e.quality * 0.95)) * 1000) / 1000;
}

/** The element a line belongs to, as FieldMeta provenance. */
function sourceOf(line: DocLine): SourceRef {
  const block = line.block;
  return { pageIndex: block.page, box: block.box, confidence: block.confidence };
}

/** FieldMeta for a value found on the page (presentMeta masks the raw text and applies the engine's confidence). */
export function metaOf(e: Evidence): FieldMeta {
  return presentMeta(sourceOf(e.line), e.raw, confidenceOf(e));
}

function meta(e: Evidence | undefined): FieldMeta {
  return e ? metaOf(e) : notFoundMeta();
}

export const textField = (value: string | undefined, e?: Evidence) =>
  create(TextFieldSchema, value !== undefined && e ? { value, meta: metaOf(e) } : { meta: meta(undefined) });

export const moneyField = (value: Money | undefined, e?: Evidence) =>
  create(MoneyFieldSchema, value && e ? { value, meta: metaOf(e) } : { meta: meta(undefined) });

export const dateField = (value: DocDate | undefined, e?: Evidence) =>
  create(DateFieldSchema, value && e ? { value, meta: metaOf(e) } : { meta: meta(undefined) });

export const timeField = (value: TimeOfDay | undefined, e?: Evidence) =>
  create(TimeFieldSchema, value && e ? { value, meta: metaOf(e) } : { meta: meta(undefined) });

export const intField = (value: number | undefined, e?: Evidence) =>
  create(IntFieldSchema, value !== undefined && e ? { value: BigInt(value), meta: metaOf(e) } : { meta: meta(undefined) });

export const decimalField = (value: string | undefined, e?: Evidence) =>
  create(DecimalFieldSchema, value !== undefined && e ? { value: create(DecimalSchema, { value }), meta: metaOf(e) } : { meta: meta(undefined) });

export const addressField = (value: PostalAddress | undefined, e?: Evidence) =>
  create(AddressFieldSchema, value && e ? { value, meta: metaOf(e) } : { meta: meta(undefined) });

export const maskedNumberField = (value: MaskedNumber | undefined, e?: Evidence) =>
  create(MaskedNumberFieldSchema, value && e ? { value, meta: metaOf({ ...e, raw: maskAllButLast4(e.raw) }) } : { meta: meta(undefined) });

export const checkboxField = (value: CheckState, e?: Evidence) =>
  create(CheckboxFieldSchema, e ? { value, meta: metaOf(e) } : { value, meta: meta(undefined) });

/** Evidence with a lowered quality: for values inferred rather than read next to a label. */
export function weaker(e: Evidence, factor: number): Evidence {
  return { ...e, quality: e.quality * factor };
}

/** A money field whose label is printed with an empty value (BLANK). */
export function blankMoneyField(line: DocLine) {
  return create(MoneyFieldSchema, { meta: blankMeta(sourceOf(line), 0.8) });
}
