import type {
  CheckboxField,
  DateField,
  DecimalField,
  IntField,
  MoneyField,
  TextField,
} from "@docproc/gen/docproc/v1/values_pb.js";
import type { LayoutReader } from "../layout-reader.js";
import {
  readCheckboxField,
  readDateField,
  readIntField,
  readMoneyField,
  readPercentField,
  readTextField,
} from "../layout/field-readers.js";
import type { LabelSpec } from "../layout/label-search.js";

/** The proto field each kind of box fills. */
interface FieldOfKind {
  money: MoneyField;
  checkbox: CheckboxField;
  text: TextField;
  /** Text without digits (a country, a locality). */
  letters: TextField;
  date: DateField;
  /** A whole number within `range`. */
  int: IntField;
  percent: DecimalField;
}

export type BoxKind = keyof FieldOfKind;

/**
 * One label of a form. With a `kind`, the key is the proto field the box
 * fills and readBoxFields reads it; without one, the label is found for the
 * form's own code (state rows, codes, composite boxes) to read.
 */
export interface BoxSpec extends LabelSpec {
  kind?: BoxKind;
  /** Bounds of an "int" box. */
  range?: readonly [number, number];
}

/** The fields of the specs that have a kind, keyed by proto field name. */
export type BoxFields<S extends readonly BoxSpec[]> = {
  [P in S[number] as P extends { kind: BoxKind } ? P["key"] : never]: P extends { kind: infer K extends BoxKind } ? FieldOfKind[K] : never;
};

/** Rejects text with digits (a country name, a locality name). */
export const lettersOnly = (t: string): string | undefined => (/\d/.test(t) ? undefined : t);

function readBox(reader: LayoutReader, spec: BoxSpec & { kind: BoxKind }): FieldOfKind[BoxKind] {
  switch (spec.kind) {
    case "money":
      return readMoneyField(reader, spec.key);
    case "checkbox":
      return readCheckboxField(reader, spec.key);
    case "text":
      return readTextField(reader, spec.key);
    case "letters":
      return readTextField(reader, spec.key, { accept: lettersOnly });
    case "date":
      return readDateField(reader, spec.key);
    case "int": {
      const [min, max] = spec.range ?? [0, Number.MAX_SAFE_INTEGER];
      return readIntField(reader, spec.key, { min, max });
    }
    case "percent":
      return readPercentField(reader, spec.key);
  }
}

/** Reads every box of the specs that has a kind, keyed by its proto field name. */
export function readBoxFields<const S extends readonly BoxSpec[]>(reader: LayoutReader, specs: S): BoxFields<S> {
  const typed = specs.filter((s): s is BoxSpec & { kind: BoxKind } => s.kind !== undefined);
  return Object.fromEntries(typed.map((s) => [s.key, readBox(reader, s)])) as BoxFields<S>;
}
