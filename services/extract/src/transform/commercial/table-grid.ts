import type { Table } from "@docproc/gen/docproc/v1/layout_pb.js";
import { parseTableHtml } from "../../layout/table-html.js";
import { collapseSpaces } from "./text-clean.js";

/** One table row as a dense list of cell texts (spanned columns are empty). */
export interface GridRow {
  cells: string[];
  /** True for a header row. */
  header: boolean;
  /** True when one cell spans the whole row: a section label inside a table. */
  fullSpan: boolean;
}

/** A table as dense rows. */
export interface Grid {
  rows: GridRow[];
  columnCount: number;
}

/** Dense rows from the parsed proto table; HTML text is parsed (as the engine would) when the table was not. */
export function gridOf(table: Table | undefined, text: string): Grid {
  if (table && table.rows.length > 0) return gridFromTable(table);
  if (/<t[dh][\s>]/i.test(text)) return gridFromTable(parseTableHtml(text));
  return { rows: [], columnCount: 0 };
}

function gridFromTable(table: Table): Grid {
  let columnCount = table.columnCount;
  for (const row of table.rows) {
    for (const cell of row.cells) columnCount = Math.max(columnCount, cell.columnIndex + Math.max(1, cell.columnSpan));
  }
  const rows = table.rows.map((row) => {
    const cells = new Array<string>(columnCount).fill("");
    let spanning = false;
    for (const cell of row.cells) {
      const index = Math.min(cell.columnIndex, columnCount - 1);
      cells[index] = collapseSpaces(cell.text);
      if (Math.max(1, cell.columnSpan) >= columnCount && columnCount > 1) spanning = true;
    }
    const header = row.header || (row.cells.length > 0 && row.cells.every((c) => c.header));
    return { cells, header, fullSpan: spanning && row.cells.length === 1 };
  });
  return { rows, columnCount };
}

/**
 * A Markdown pipe table ("| Date | Amount |" lines, "|---|---|" under the
 * header) as a grid; undefined when the text is not one. Some models write
 * tables this way inside text blocks.
 */
export function gridFromMarkdown(lines: readonly string[]): Grid | undefined {
  const piped = lines.filter((l) => /^\s*\|.*\|\s*$/.test(l));
  if (piped.length < 2 || piped.length < lines.length * 0.8) return undefined;
  const rows: GridRow[] = [];
  let header = false;
  for (const line of piped) {
    const cells = line.trim().slice(1, -1).split("|").map((c) => collapseSpaces(c));
    if (cells.every((c) => /^:?-{2,}:?$/.test(c))) {
      header = rows.length === 1;
      if (rows[0]) rows[0].header = header;
      continue;
    }
    rows.push({ cells, header: false, fullSpan: false });
  }
  const columnCount = Math.max(0, ...rows.map((r) => r.cells.length));
  for (const row of rows) while (row.cells.length < columnCount) row.cells.push("");
  return rows.length > 0 ? { rows, columnCount } : undefined;
}
