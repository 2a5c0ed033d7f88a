import { create } from "@bufbuild/protobuf";
import { LayoutCategory, NormalizedBoxSchema } from "@docproc/gen/docproc/v1/layout_pb.js";
import { CELL_SEPARATOR, type DocBlock, type DocLine, type LayoutDoc, type Rect } from "./layout-doc.js";
import type { Grid } from "./table-grid.js";
import { type RoleRule, rolesOf } from "./table-roles.js";

/*
 * A row view of a page for OCR output that splits a printed row into
 * fragments (an OCR block per column, or per gap-separated word group):
 * fragments on the same baseline are joined into one line, and where a line
 * names table columns ("Date | Description | Withdrawals | Deposits |
 * Balance") the rows under it become a table whose cells are assigned to the
 * header column they sit under. Only used when the elements themselves gave
 * no transaction or item rows.
 */

function overlapY(a: Rect, b: Rect): number {
  const h = Math.min(a.y1 - a.y0, b.y1 - b.y0) || 1e-6;
  return Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0)) / h;
}

function union(rects: Rect[]): Rect {
  return {
    x0: Math.min(...rects.map((r) => r.x0)),
    y0: Math.min(...rects.map((r) => r.y0)),
    x1: Math.max(...rects.map((r) => r.x1)),
    y1: Math.max(...rects.map((r) => r.y1)),
  };
}

/** Text lines of each page grouped into visual rows, left to right. */
export function visualRows(doc: LayoutDoc): DocLine[][] {
  const rows: DocLine[][] = [];
  const pages = [...new Set(doc.lines.map((l) => l.block.page))];
  for (const page of pages) {
    const lines = doc.lines.filter((l) => l.block.page === page && !l.cells).sort((a, b) => a.rect.y0 + a.rect.y1 - (b.rect.y0 + b.rect.y1));
    const pageRows: DocLine[][] = [];
    for (const line of lines) {
      const row = pageRows.find((r) => overlapY(union(r.map((l) => l.rect)), line.rect) >= 0.5 && !r.some((l) => l.block === line.block));
      if (row) row.push(line);
      else pageRows.push([line]);
    }
    for (const row of pageRows) rows.push(row.sort((a, b) => a.rect.x0 - b.rect.x0));
  }
  return rows;
}

function syntheticBlock(parts: DocLine[], grid?: Grid): DocBlock {
  const rect = union(parts.map((p) => p.rect));
  const confidences = parts.map((p) => p.block.confidence).filter((c) => c > 0);
  return {
    page: parts[0]!.block.page,
    category: grid ? LayoutCategory.TABLE : LayoutCategory.TEXT,
    rect,
    box: create(NormalizedBoxSchema, { xMin: rect.x0, yMin: rect.y0, xMax: rect.x1, yMax: rect.y1 }),
    confidence: confidences.length > 0 ? Math.min(...confidences) : 0,
    lines: [],
    ...(grid ? { grid } : {}),
  };
}

/** Assigns each fragment to the header column it overlaps most (else the nearest by centre). */
function columnOf(part: DocLine, header: DocLine[]): number {
  let best = 0;
  let bestScore = -Infinity;
  header.forEach((h, i) => {
    const overlap = Math.min(part.rect.x1, h.rect.x1) - Math.max(part.rect.x0, h.rect.x0);
    const distance = Math.abs((part.rect.x0 + part.rect.x1) / 2 - (h.rect.x0 + h.rect.x1) / 2);
    const score = overlap > 0 ? overlap : -distance;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

/**
 * The document re-read as rows: table rows as they were, other text as
 * visual rows, and runs of rows under a header line naming columns (per
 * `rules`/`accept`) rebuilt as tables.
 */
export function rowDoc<R extends string>(doc: LayoutDoc, rules: ReadonlyArray<RoleRule<R>>, accept: (roles: ReadonlyArray<R | undefined>) => boolean): LayoutDoc {
  type Row = { text: string; cells?: string[]; header?: boolean; rect: Rect };
  const entries: Array<{ block: DocBlock; rows: Row[] }> = [];
  for (const block of doc.blocks.filter((b) => b.grid)) {
    entries.push({ block, rows: block.lines.map((l) => ({ text: l.text, cells: l.cells ?? [], header: l.header ?? false, rect: l.rect })) });
  }
  const rows = visualRows(doc);
  for (let i = 0; i < rows.length; i++) {
    const header = rows[i]!;
    const roles = rolesOf(header.map((p) => p.text), rules);
    if (header.length >= 2 && roles.filter(Boolean).length >= 2 && accept(roles)) {
      const body = bodyRows(rows, i);
      const table = [header, ...body].map((row, r) => {
        const cells = new Array<string>(header.length).fill("");
        for (const part of row) {
          const c = r === 0 ? row.indexOf(part) : columnOf(part, header);
          cells[c] = cells[c] ? `${cells[c]} ${part.text}` : part.text;
        }
        return { text: cells.filter(Boolean).join(CELL_SEPARATOR), cells, header: r === 0, rect: union(row.map((p) => p.rect)) };
      });
      const grid: Grid = { rows: table.map((t) => ({ cells: t.cells, header: t.header, fullSpan: false })), columnCount: header.length };
      entries.push({ block: syntheticBlock(header, grid), rows: table });
      i += body.length;
      continue;
    }
    entries.push({ block: syntheticBlock(header), rows: [{ text: header.map((p) => p.text).join(CELL_SEPARATOR), rect: union(header.map((p) => p.rect)) }] });
  }
  entries.sort((a, b) => a.block.page - b.block.page || a.block.rect.y0 - b.block.rect.y0);
  const out: LayoutDoc = { blocks: [], lines: [] };
  for (const { block, rows: defs } of entries) {
    const fresh: DocBlock = { ...block, lines: [] };
    out.blocks.push(fresh);
    defs.forEach((d, i) => {
      const line: DocLine = { block: fresh, text: d.text, rect: d.rect, seq: out.lines.length, indexInBlock: i, ...(d.cells ? { cells: d.cells, row: i, header: !!d.header } : {}) };
      fresh.lines.push(line);
      out.lines.push(line);
    });
  }
  return out;
}

const HAS_VALUE = /\d/;

/**
 * The rows under a header: each at most a few row-heights below the previous
 * one, and not prose; a row without any digit continues the previous row only
 * when it is a single fragment (a wrapped description).
 */
function bodyRows(rows: DocLine[][], headerIndex: number): DocLine[][] {
  const body: DocLine[][] = [];
  let previous = union(rows[headerIndex]!.map((p) => p.rect));
  for (let j = headerIndex + 1; j < rows.length; j++) {
    const row = rows[j]!;
    const rect = union(row.map((p) => p.rect));
    if (row[0]!.block.page !== rows[headerIndex]![0]!.block.page) break;
    const height = Math.max(previous.y1 - previous.y0, rect.y1 - rect.y0);
    const text = row.map((p) => p.text).join(" ");
    if (rect.y0 - previous.y1 > 2.5 * height || text.split(" ").length > 16) break;
    if (!HAS_VALUE.test(text) && row.length > 1) break;
    body.push(row);
    previous = rect;
  }
  return body;
}
