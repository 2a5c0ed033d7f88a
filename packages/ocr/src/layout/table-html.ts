import type { TableRegion } from "./layout-types.js";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The table as dots.ocr writes it: <thead> only when there is a header row, one cell per column. */
export function tableHtml(table: TableRegion): string {
  const row = (cells: string[], tag: "td" | "th"): string =>
    `<tr>${cells.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join("")}</tr>`;
  const head = table.rows.filter((r) => r.header).map((r) => row(r.cells, "th"));
  const body = table.rows.filter((r) => !r.header).map((r) => row(r.cells, "td"));
  return `<table>${head.length > 0 ? `<thead>${head.join("")}</thead>` : ""}<tbody>${body.join("")}</tbody></table>`;
}
