import { create } from "@bufbuild/protobuf";
import {
  type Table,
  TableCellSchema,
  TableRowSchema,
  TableSchema,
} from "@docproc/gen/docproc/v1/layout_pb.js";
import { Parser } from "htmlparser2";

/** HTML's own limits on spans (the table-processing model clamps to these). */
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;

interface RawCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  header: boolean;
}

interface RawRow {
  cells: RawCell[];
  inHead: boolean;
}

function spanOf(value: string | undefined, max: number): number {
  const n = Number.parseInt(value ?? "", 10);
  if (Number.isNaN(n) || n < 0) return 1;
  // rowspan="0" means "to the end of the table" in HTML; resolved when placing.
  return Math.min(n, max);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Reads the rows and cells of the outermost table. htmlparser2 decodes
 * entities, tolerates a literal `&`, and closes unclosed `td`/`tr` the way
 * browsers do; a cell outside any `tr` opens an implicit row. Text of nested
 * tables stays in the enclosing cell.
 */
function readRows(html: string): RawRow[] {
  const rows: RawRow[] = [];
  let tableDepth = 0;
  let inHead = false;
  let row: RawRow | undefined;
  let cell: RawCell | undefined;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === "table") tableDepth += 1;
        if (tableDepth > 1) {
          if (cell && (name === "td" || name === "th" || name === "br" || name === "tr")) cell.text += " ";
          return;
        }
        if (name === "thead") inHead = true;
        else if (name === "tbody" || name === "tfoot") inHead = false;
        else if (name === "tr") {
          row = { cells: [], inHead };
          rows.push(row);
        } else if (name === "td" || name === "th") {
          if (!row) {
            row = { cells: [], inHead };
            rows.push(row);
          }
          cell = {
            text: "",
            rowSpan: spanOf(attribs["rowspan"], MAX_ROWSPAN),
            colSpan: Math.max(1, spanOf(attribs["colspan"], MAX_COLSPAN)),
            header: name === "th" || inHead,
          };
          row.cells.push(cell);
        } else if (name === "br" && cell) cell.text += " ";
      },
      ontext(text) {
        if (cell) cell.text += text;
      },
      onclosetag(name) {
        if (name === "table") {
          tableDepth -= 1;
          if (tableDepth === 0) row = cell = undefined;
          return;
        }
        if (tableDepth > 1) return;
        if (name === "td" || name === "th") cell = undefined;
        else if (name === "tr") row = cell = undefined;
        else if (name === "thead") inHead = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return rows;
}

/**
 * Parses a dots.ocr Table element's HTML into a proto Table. Cell positions
 * come from an occupancy grid, so a cell lands right of any cell spanning down
 * into its row (the HTML table model); rowspans past the last row are clamped.
 * A row is a header row when it is in `thead` or all its cells are `th`.
 */
export function parseTableHtml(html: string): Table {
  const rows = readRows(html);
  const occupied: Array<Set<number>> = rows.map(() => new Set<number>());
  let columnCount = 0;
  const outRows = rows.map((raw, r) => {
    let column = 0;
    const cells = raw.cells.map((c) => {
      const rowsLeft = rows.length - r;
      const rowSpan = c.rowSpan === 0 ? rowsLeft : Math.min(c.rowSpan, rowsLeft);
      while (occupied[r]?.has(column)) column += 1;
      for (let dr = 0; dr < rowSpan; dr += 1) {
        for (let dc = 0; dc < c.colSpan; dc += 1) occupied[r + dr]?.add(column + dc);
      }
      const cell = create(TableCellSchema, {
        rowIndex: r,
        columnIndex: column,
        rowSpan,
        columnSpan: c.colSpan,
        text: collapse(c.text),
        header: c.header,
      });
      column += c.colSpan;
      columnCount = Math.max(columnCount, column);
      return cell;
    });
    const header = raw.inHead || (cells.length > 0 && cells.every((c) => c.header));
    return create(TableRowSchema, { cells, header });
  });
  return create(TableSchema, { rows: outRows, rowCount: outRows.length, columnCount });
}
