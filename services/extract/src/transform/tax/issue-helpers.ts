import { create } from "@bufbuild/protobuf";
import {
  FieldStatus,
  type MoneyField,
  Severity,
  type TaxIdField,
  type ValidationIssue,
  ValidationIssueSchema,
} from "@docproc/gen/docproc/v1/values_pb.js";
import { moneyFromNanos, moneyToDecimal, moneyToNanos } from "../../fields/money.js";

/** One cent in nano units. */
export const CENT_NANOS = 10_000_000n;

/** The amount of a box in nanos: its value when read, 0 for a blank box (a blank tax box means zero), undefined otherwise. */
export function boxNanos(field: MoneyField | undefined): bigint | undefined {
  if (!field?.meta) return undefined;
  if (field.meta.status === FieldStatus.PRESENT && field.value) return moneyToNanos(field.value);
  if (field.meta.status === FieldStatus.BLANK) return 0n;
  return undefined;
}

/** Nanos as a decimal string ("7293.45"). */
export function nanosText(n: bigint): string {
  return moneyToDecimal(moneyFromNanos(n));
}

/** Rounds nanos to whole cents, half away from zero. */
export function roundToCents(n: bigint): bigint {
  const sign = n < 0n ? -1n : 1n;
  const abs = n < 0n ? -n : n;
  return sign * ((abs + CENT_NANOS / 2n) / CENT_NANOS) * CENT_NANOS;
}

export function issue(
  code: string,
  severity: Severity,
  fieldPaths: string[],
  message: string,
  expected = "",
  actual = "",
): ValidationIssue {
  return create(ValidationIssueSchema, { code, severity, fieldPaths, message, expected, actual });
}

/** "part ≤ whole" for two boxes (blank counts as zero); an ERROR issue when it does not hold. */
export function partOfWhole(code: string, part: [string, MoneyField | undefined], whole: [string, MoneyField | undefined]): ValidationIssue[] {
  const p = boxNanos(part[1]);
  const w = boxNanos(whole[1]);
  if (p === undefined || w === undefined || p <= w) return [];
  return [issue(code, Severity.ERROR, [part[0], whole[0]], `${part[0]} is part of ${whole[0]} but larger`, `<= ${nanosText(w)}`, nanosText(p))];
}

/** A WARNING when a TIN was read but is not a well-formed number of its type. */
export function tinFormat(code: string, path: string, field: TaxIdField | undefined): ValidationIssue[] {
  if (!field?.value || field.meta?.status !== FieldStatus.PRESENT || field.value.formatValid) return [];
  return [issue(code, Severity.WARNING, [path], `${path} is not a well-formed ${field.value.truncatedOnDocument ? "truncated " : ""}number`, "", field.value.masked)];
}
