import type { Money } from "@docproc/gen/docproc/v1/values_pb.js";
import type { ParsedMoney } from "../../fields/index.js";
import type { Evidence } from "./field-build.js";
import { type Found, findBest } from "./label-finder.js";
import { linesRightOf } from "./neighbors.js";
import type { LayoutDoc } from "./layout-doc.js";
import { magnitude } from "./money-util.js";
import { GROSS_PAY, NET_PAY, YTD_GROSS } from "./other-labels.js";
import { readMoney } from "./value-readers.js";
import { findMoney } from "./value-tokens.js";

interface Amount {
  value: Money;
  evidence: Evidence;
}

const CURRENT = /this\s+period|current|amount|earnings|period/i;
const YTD = /\bytd\b|year\s*to\s*date/i;

/** The cell of a row under a header matching `re` (pay stub tables: "This Period", "Year to Date"). */
function columnValue(found: Found<ParsedMoney>, re: RegExp): Amount | undefined {
  const grid = found.line.block.grid;
  if (!grid || !found.line.cells) return undefined;
  const header = grid.rows.find((r) => r.header) ?? grid.rows[0];
  const col = header?.cells.findIndex((c) => re.test(c)) ?? -1;
  const cell = col >= 0 ? found.line.cells[col] : undefined;
  const m = cell ? findMoney(cell, true)[0] : undefined;
  return m ? { value: magnitude(m.value), evidence: { raw: m.raw, line: found.line, quality: 0.9 } } : undefined;
}

/**
 * Amounts printed after a label on its row, left to right: the label's own
 * line and the elements to its right (OCR blocks per column).
 */
function rowAmounts(doc: LayoutDoc, found: Found<ParsedMoney>): Amount[] {
  const label = found.labelLine;
  const parts = [{ text: label.text, line: label }, ...linesRightOf(doc, label).map((l) => ({ text: l.text, line: l }))];
  return parts.flatMap((p) => findMoney(p.text).map((m) => ({ value: magnitude(m.value), evidence: { raw: m.raw, line: p.line, quality: 0.8 } })));
}

const asAmount = (f: Found<ParsedMoney> | undefined): Amount | undefined => (f ? { value: magnitude(f.value.value), evidence: f } : undefined);

/** Gross pay, net pay (this period) and year-to-date gross of a pay stub. */
export function payAmounts(doc: LayoutDoc): { gross?: Amount; net?: Amount; ytdGross?: Amount } {
  const read = readMoney({ allowInteger: false });
  const gross = findBest(doc, GROSS_PAY, read);
  const net = findBest(doc, NET_PAY, read);
  const ytdLabelled = findBest(doc, YTD_GROSS, read);
  const out: { gross?: Amount; net?: Amount; ytdGross?: Amount } = {};
  const g = gross ? (columnValue(gross, CURRENT) ?? asAmount(gross)) : undefined;
  const n = net ? (columnValue(net, CURRENT) ?? asAmount(net)) : undefined;
  // Without table columns, a second amount on the gross-pay row is the year-to-date one when the page has such a column.
  const ytdInRow = gross && !gross.line.cells && YTD.test(doc.lines.map((l) => l.text).join(" ")) ? rowAmounts(doc, gross) : [];
  const y = asAmount(ytdLabelled) ?? (gross ? columnValue(gross, YTD) : undefined) ?? (ytdInRow.length >= 2 ? ytdInRow.at(-1) : undefined);
  if (g) out.gross = g;
  if (n) out.net = n;
  if (y) out.ytdGross = y;
  return out;
}
