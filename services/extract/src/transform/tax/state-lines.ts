import { create } from "@bufbuild/protobuf";
import {
  type InformationReturnStateLine,
  InformationReturnStateLineSchema,
  type LocalTaxLine,
  LocalTaxLineSchema,
  type W2StateLine,
  W2StateLineSchema,
} from "@docproc/gen/docproc/v1/tax_forms_pb.js";
import type { MoneyField, TextField } from "@docproc/gen/docproc/v1/values_pb.js";
import { isUsStateCode } from "../../fields/us-states.js";
import type { LayoutReader } from "../layout-reader.js";
import type { LabelHit } from "../layout/label-search.js";
import { lineMoneyField, lineTextField } from "../layout/line-fields.js";
import { pickAmount } from "../layout/pick-amount.js";
import type { ValueLine } from "../layout/value-region.js";

/** State and local tax rows are printed at most this many times (two rows on the IRS forms). */
const MAX_ROWS = 3;

interface Column {
  hit?: LabelHit;
  lines: ValueLine[];
}

/** A column's rows: the lines of its own box, then further rows printed below it without a label. */
function column(reader: LayoutReader, key: string | undefined): Column {
  const hit = key ? reader.hits(key)[0] : undefined;
  if (!hit) return { lines: [] };
  const lines = reader.valueLines(hit, MAX_ROWS);
  if (lines.length === 0 || lines.length >= MAX_ROWS || lines[0]!.adjacent) return { hit, lines };
  const below = reader.neighbors(hit, MAX_ROWS - lines.length).find((c) => c[0]?.via === "below") ?? [];
  return { hit, lines: [...lines, ...below] };
}

function rowCount(columns: Column[]): number {
  let rows = 0;
  for (const c of columns) {
    c.lines.forEach((l, i) => {
      if (/[A-Za-z0-9]/.test(l.text)) rows = Math.max(rows, i + 1);
    });
  }
  return rows;
}

/**
 * A row is kept when its own boxes hold something, or when text taken from
 * neighbouring elements reads as a state row (an amount or a state code):
 * a footer line under empty state boxes is not a state row.
 */
function rowHasValues(money: Array<ValueLine | undefined>, text: Array<ValueLine | undefined>): boolean {
  if (money.some((l) => l && pickAmount(l.text))) return true;
  if (text.some((l) => l && !l.adjacent && /[A-Za-z0-9]/.test(l.text))) return true;
  return text.some((l) => l && /^[A-Za-z]{2}\b/.test(l.text.trim()) && splitStateAndId(l.text) !== undefined);
}

const acceptState = (t: string): string | undefined => (isUsStateCode(t) ? t.toUpperCase() : undefined);

/** Splits "IN 67-894794" into the state code and the state id; undefined when it does not start with a state code. */
export function splitStateAndId(text: string): { state: string; id: string } | undefined {
  const m = /^([A-Za-z]{2})\b[\s,/|-]*(.*)$/.exec(text.trim());
  return m && isUsStateCode(m[1]!) ? { state: m[1]!.toUpperCase(), id: m[2]!.trim() } : undefined;
}

/** The state code and state id of one row, whether printed in one column or two. */
function stateAndId(state: Column, id: Column, r: number) {
  const stateLine = state.lines[r];
  const idLine = id.lines[r];
  const split = stateLine && splitStateAndId(stateLine.text);
  const idFromState = split && split.id && (!idLine || !/\w/.test(idLine.text));
  return {
    state: lineTextField(state.hit, stateLine, split ? split.state : stateLine?.text, acceptState),
    id: idFromState ? lineTextField(state.hit, stateLine, split.id) : lineTextField(id.hit ?? state.hit, idLine),
  };
}

/** One state row: the state code and id, and the row's two amounts (tax and income or wages, in the keys' order). */
interface StateRow {
  state: TextField;
  id: TextField;
  amounts: [MoneyField, MoneyField];
}

/** The state rows of a state area; rows with nothing printed are left out. */
function stateRows(reader: LayoutReader, stateKey: string, idKey: string | undefined, moneyKeys: [string | undefined, string | undefined]): StateRow[] {
  const state = column(reader, stateKey);
  const id = column(reader, idKey);
  const money = moneyKeys.map((k) => column(reader, k)) as [Column, Column];
  const out: StateRow[] = [];
  for (let r = 0; r < rowCount([state, id, ...money]); r++) {
    if (!rowHasValues([money[0].lines[r], money[1].lines[r]], [state.lines[r], id.lines[r]])) continue;
    out.push({ ...stateAndId(state, id, r), amounts: [lineMoneyField(money[0].hit, money[0].lines[r]), lineMoneyField(money[1].hit, money[1].lines[r])] });
  }
  return out;
}

/** Column keys of a 1099 state area; `state` may be the combined "State/Payer's state no." column. */
export interface StateColumns {
  state: string;
  stateId?: string;
  taxWithheld: string;
  income?: string;
}

/** The keys a form's specs use for its state area unless it says otherwise (a missing label is an empty column). */
const STATE_COLUMNS: StateColumns = { state: "state", stateId: "stateId", taxWithheld: "stateTax", income: "stateIncome" };

/** The 1099 state rows (state, payer's state number, tax withheld, state income). */
export function readStateLines(reader: LayoutReader, keys: StateColumns = STATE_COLUMNS): InformationReturnStateLine[] {
  return stateRows(reader, keys.state, keys.stateId, [keys.taxWithheld, keys.income]).map((row) =>
    create(InformationReturnStateLineSchema, { state: row.state, payerStateId: row.id, stateTaxWithheld: row.amounts[0], stateIncome: row.amounts[1] }),
  );
}

/** The W-2 state rows (boxes 15-17). */
export function readW2StateLines(reader: LayoutReader, keys: { state: string; stateId: string; wages: string; tax: string }): W2StateLine[] {
  return stateRows(reader, keys.state, keys.stateId, [keys.wages, keys.tax]).map((row) =>
    create(W2StateLineSchema, { state: row.state, employerStateId: row.id, stateWages: row.amounts[0], stateIncomeTax: row.amounts[1] }),
  );
}

/** Local tax rows (W-2 boxes 18-20, 1099-R boxes 17-19). */
export function readLocalLines(reader: LayoutReader, keys: { wages: string; tax: string; locality: string }): LocalTaxLine[] {
  const cols = { wages: column(reader, keys.wages), tax: column(reader, keys.tax), locality: column(reader, keys.locality) };
  const out: LocalTaxLine[] = [];
  for (let r = 0; r < rowCount(Object.values(cols)); r++) {
    if (!rowHasValues([cols.wages.lines[r], cols.tax.lines[r]], [cols.locality.lines[r]])) continue;
    out.push(
      create(LocalTaxLineSchema, {
        localWages: lineMoneyField(cols.wages.hit, cols.wages.lines[r]),
        localIncomeTax: lineMoneyField(cols.tax.hit, cols.tax.lines[r]),
        localityName: lineTextField(cols.locality.hit, cols.locality.lines[r]),
      }),
    );
  }
  return out;
}
