import { FieldStatus, type MoneyField, Severity, type TaxIdField, type ValidationIssue } from "@docproc/gen/docproc/v1/values_pb.js";
import { CENT_NANOS, moneyToNanos, nanosToDecimal } from "../../fields/money.js";
import { issue } from "../issue.js";

/** The amount of a box in nanos: its value when read, 0 for a blank box (a blank tax box means zero), undefined otherwise. */
export function boxNanos(field: MoneyField | undefined): bigint | undefined {
  if (!field?.meta) return undefined;
  if (field.meta.status === FieldStatus.PRESENT && field.value) return moneyToNanos(field.value);
  if (field.meta.status === FieldStatus.BLANK) return 0n;
  return undefined;
}

/** Rounds nanos to whole cents, half away from zero. */
export function roundToCents(n: bigint): bigint {
  const sign = n < 0n ? -1n : 1n;
  const abs = n < 0n ? -n : n;
  return sign * ((abs + CENT_NANOS / 2n) / CENT_NANOS) * CENT_NANOS;
}

/** "part ≤ whole" for two boxes (blank counts as zero); an ERROR issue when it does not hold. */
export function partOfWhole(code: string, part: [string, MoneyField | undefined], whole: [string, MoneyField | undefined]): ValidationIssue[] {
  const p = boxNanos(part[1]);
  const w = boxNanos(whole[1]);
  if (p === undefined || w === undefined || p <= w) return [];
  return [issue(code, Severity.ERROR, [part[0], whole[0]], `${part[0]} is part of ${whole[0]} but larger`, `<= ${nanosToDecimal(w)}`, nanosToDecimal(p))];
}

/** A WARNING when a TIN was read but is not a well-formed number of its type. */
export function tinFormat(code: string, path: string, field: TaxIdField | undefined): ValidationIssue[] {
  if (!field?.value || field.meta?.status !== FieldStatus.PRESENT || field.value.formatValid) return [];
  return [issue(code, Severity.WARNING, [path], `${path} is not a well-formed ${field.value.truncatedOnDocument ? "truncated " : ""}number`, "", field.value.masked)];
}
