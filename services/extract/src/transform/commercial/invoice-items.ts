import type { LineItem } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import { ITEM_ROLES, acceptItemHeader, itemRows, itemTables } from "./item-rows.js";
import { rowDoc } from "./row-doc.js";
import type { DocLine, LayoutDoc } from "./layout-doc.js";
import { toLineItems } from "./line-items.js";
import { textItemRows } from "./text-item-rows.js";

export interface InvoiceItems {
  lineItems: LineItem[];
  /** False for the header rows of item tables, which must not be read as summary labels ("Total" column). */
  notLabels: (line: DocLine) => boolean;
}

/**
 * Line items from the item tables of every page; when no table has a usable
 * header (OCR text, tables read as text), lines ending in "qty unit-price
 * amount" whose product checks out.
 */
export function invoiceLineItems(doc: LayoutDoc): InvoiceItems {
  const tables = itemTables(doc);
  const headers = new Set(tables.flatMap((t) => t.block.lines.filter((l) => l.row !== undefined && l.row <= t.headerRow)));
  let drafts = itemRows(doc, tables);
  if (drafts.length === 0) {
    const rows = rowDoc(doc, ITEM_ROLES, acceptItemHeader);
    drafts = itemRows(rows, itemTables(rows));
    if (drafts.length === 0) drafts = textItemRows(rows);
  }
  return { lineItems: toLineItems(drafts), notLabels: (line) => !headers.has(line) };
}
