import { LayoutCategory } from "@docproc/gen/docproc/v1/layout_pb.js";
import { type DateContext, type FoundAmount, type FoundDate, findDates } from "../../fields/index.js";
import { stripSeparators } from "./label-finder.js";
import type { DocBlock, DocLine, LayoutDoc } from "./layout-doc.js";
import { type StatementRole, STATEMENT_ROLES, acceptStatementHeader, roleGroups } from "./statement-roles.js";
import { type RoleTable, findRoleTables } from "./table-roles.js";
import { collapseSpaces, trimPunctuation } from "./text-clean.js";
import { dateAtStart, findMoney } from "./value-tokens.js";

/** One transaction-like row before its sign and meaning are decided. */
export interface RowDraft {
  line: DocLine;
  date?: FoundDate;
  postDate?: FoundDate;
  description: string;
  amount?: FoundAmount;
  /** The column the amount came from, when the table names it. */
  column?: "debit" | "credit" | "amount";
  balance?: FoundAmount;
  /** The nearest section title above the row ("Deposits and Additions", "Purchases"). */
  section: string;
}

/** Words of section titles, to tell a title row from a wrapped description inside a table. */
const SECTION_WORDS =
  /\b(?:payments?|credits?|purchases?|fees?|interest|charges?|deposits?|withdrawals?|checks?|adjustments?|transactions?|activity|summary|calculation|debits?|additions?|subtractions?|advances?|transfers?)\b/i;

/** A row naming a section: a spanning cell, a table row with only its first cell filled, or a short heading line. */
const isSectionLine = (line: DocLine): boolean =>
  !!line.fullSpan ||
  (!!line.cells && line.cells.filter(Boolean).length === 1 && !!line.cells[0] && !/\d/.test(line.text) && line.text.split(" ").length <= 8) ||
  (!line.cells &&
    (line.block.category === LayoutCategory.SECTION_HEADER || line.block.category === LayoutCategory.TITLE || line.block.category === LayoutCategory.TEXT) &&
    !/\d/.test(line.text) &&
    line.text.split(" ").length <= 8);

/**
 * Transaction rows of a statement in document order: rows of tables whose
 * header names date and amount columns, and "date … amount [balance]" lines
 * anywhere else (OCR text, tables without a usable header). Continuation
 * lines (no date, no amount) extend the previous row's description.
 */
export function statementRows(doc: LayoutDoc, context: DateContext): RowDraft[] {
  const tables = findRoleTables(doc, STATEMENT_ROLES, acceptStatementHeader, (block, roles) => mostRowsDated(block, roles.indexOf("date")));
  const byBlock = new Map(tables.map((t) => [t.block, t]));
  const rows: RowDraft[] = [];
  let section = "";
  let sectionSeq = -1;
  const push = (draft: RowDraft | "continuation" | undefined, line: DocLine): void => {
    if (draft !== "continuation") {
      if (draft) rows.push(draft);
      return;
    }
    // A wrapped description sits right under its row; a heading further down is not part of it.
    const previous = rows.at(-1);
    const close = previous && line.rect.y0 - previous.line.rect.y1 < 1.5 * (line.rect.y1 - line.rect.y0);
    if (previous && close && previous.line.block === line.block) previous.description = collapseSpaces(`${previous.description} ${line.text.replace(/\|/g, " ")}`);
  };
  for (const line of doc.lines) {
    const table = byBlock.get(line.block);
    if (table) {
      if (line.indexInBlock !== 0) continue;
      // A section title applies to the table right under it, not to every later table.
      if (line.seq - sectionSeq > 3) section = "";
      const groups = roleGroups(table.roles);
      for (const group of groups) {
        const sub: RoleTable<StatementRole> = { ...table, roles: table.roles.slice(group.start, group.start + group.length) };
        for (const row of table.block.lines) {
          if (row.row !== undefined && row.row <= table.headerRow) continue;
          if (row.fullSpan || (isSectionLine(row) && SECTION_WORDS.test(row.text))) {
            section = row.text;
            continue;
          }
          const cells = (row.cells ?? []).slice(group.start, group.start + group.length);
          let draft = fromRoles(row, cells, sub, context, section) || (groups.length === 1 ? fromText(row, context, section) : undefined);
          // A dated row whose amount fell outside the named columns (an OCR column split): read the row as text.
          if (draft && draft !== "continuation" && !draft.amount && !draft.balance && groups.length === 1) draft = fromText(row, context, section) ?? draft;
          push(groups.length === 1 || draft !== "continuation" ? draft : undefined, row);
        }
      }
      continue;
    }
    if (isSectionLine(line)) {
      section = line.text;
      sectionSeq = line.seq;
      continue;
    }
    push(fromText(line, context, section), line);
  }
  return rows;
}

function mostRowsDated(block: DocBlock, dateCol: number): boolean {
  const rows = block.grid?.rows ?? [];
  if (dateCol < 0 || rows.length === 0) return false;
  const dated = rows.filter((r) => findDates(r.cells[dateCol] ?? "").length > 0).length;
  return dated * 2 >= rows.length;
}

function fromRoles(line: DocLine, cells: readonly string[], table: RoleTable<StatementRole>, context: DateContext, section: string): RowDraft | "continuation" | undefined {
  const cell = (role: StatementRole): string => cells[table.roles.indexOf(role)] ?? "";
  const dates = findDates(cell("date"), context);
  const posted = findDates(cell("postDate"), context)[0];
  const money = (role: StatementRole): FoundAmount | undefined | null => {
    const text = cell(role).trim();
    if (!text) return undefined;
    return findMoney(text, true)[0] ?? null;
  };
  const debit = money("debit");
  const credit = money("credit");
  const amount = money("amount");
  const balance = money("balance");
  if (debit === null || credit === null || amount === null || balance === null) return undefined;
  const descCols = table.roles.flatMap((r, i) => (r === "description" ? [i] : []));
  // Text left in the date cell beside the date belongs to the description (OCR merged the two columns).
  const dateCell = cell("date");
  const dateLeftover = trimPunctuation(dates.reduceRight((t, d) => t.slice(0, d.start) + t.slice(d.end), dateCell));
  let description = collapseSpaces([/[A-Za-z]/.test(dateLeftover) ? dateLeftover : "", ...descCols.map((i) => cells[i] ?? "")].join(" "));
  const checkNo = cell("checkNo").trim();
  if (checkNo && !description.includes(checkNo)) description = collapseSpaces(`${description} ${checkNo}`) || checkNo;
  const value = debit ?? credit ?? amount;
  if (dates.length === 0 && !value && !balance) return description ? "continuation" : undefined;
  if (dates.length === 0) return undefined;
  const column = debit ? "debit" : credit ? "credit" : amount ? "amount" : undefined;
  return {
    line,
    date: dates[0],
    ...(posted ?? dates[1] ? { postDate: posted ?? dates[1] } : {}),
    description,
    ...(value ? { amount: value } : {}),
    ...(column ? { column } : {}),
    ...(balance ? { balance } : {}),
    section,
  };
}

/** "08/16 ACH DEBIT … 2,361.34 5,592.71", "07/09 07/10 MERCHANT 5.92": dates first, amounts last. */
function fromText(line: DocLine, context: DateContext, section: string): RowDraft | "continuation" | undefined {
  const text = line.text;
  const first = dateAtStart(text, context);
  if (!first) return undefined;
  let rest = text.slice(first.end);
  let offset = first.end;
  const second = dateAtStart(stripSeparators(rest), context);
  if (second) {
    const skipped = rest.length - stripSeparators(rest).length;
    offset += skipped + second.end;
    rest = text.slice(offset);
  }
  const amounts = trailingAmounts(rest);
  if (amounts.length === 0) return undefined;
  const description = trimPunctuation(collapseSpaces(rest.slice(0, amounts[0]!.start).replace(/\|/g, " ")));
  if (!/[A-Za-z]/.test(description)) return undefined;
  const [amount, balance] = amounts.length === 1 ? [amounts[0], undefined] : [amounts[0], amounts.at(-1)];
  return {
    line,
    date: first,
    ...(second ? { postDate: second } : {}),
    description,
    ...(amount ? { amount } : {}),
    ...(balance ? { balance } : {}),
    section,
  };
}

/** The amounts that end the text, separated only by spaces or cell bars (at most 3). */
function trailingAmounts(text: string): FoundAmount[] {
  const all = findMoney(text);
  const out: FoundAmount[] = [];
  let end = text.replace(/[\s|]+$/, "").length;
  for (let i = all.length - 1; i >= 0 && out.length < 3; i--) {
    const a = all[i]!;
    if (text.slice(a.end, end).replace(/[\s|]/g, "") !== "") break;
    out.unshift(a);
    end = a.start;
  }
  return out;
}
