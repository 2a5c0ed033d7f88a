import type { MoneyField } from "@docproc/gen/docproc/v1/values_pb.js";
import type { LayoutReader } from "../layout-reader.js";
import { readMoneyField } from "../layout/field-readers.js";
import type { LabelSpec } from "../layout/label-search.js";

/** A numbered box of a form: the proto field it fills, the printed box id and label wordings. */
export interface BoxDef<K extends string = string> extends LabelSpec {
  key: K;
  box: string;
}

/** Reads every money box of a list, keyed by field name. */
export function readMoneyBoxes<K extends string>(reader: LayoutReader, boxes: ReadonlyArray<BoxDef<K>>): Record<K, MoneyField> {
  return Object.fromEntries(boxes.map((b) => [b.key, readMoneyField(reader, b.key)])) as Record<K, MoneyField>;
}

/** Rejects text with digits (a country name, a locality name). */
export const lettersOnly = (t: string): string | undefined => (/\d/.test(t) ? undefined : t);
