import type { DocBlock, LayoutDoc } from "./layout-doc.js";
import { type RoleRule, type RoleTable, findRoleTables } from "./table-roles.js";
import { type ItemDraft, readQuantity } from "./item-draft.js";
import { collapseSpaces } from "./text-clean.js";
import { textItemRow } from "./text-item-rows.js";
import { findMoney } from "./value-tokens.js";

export type ItemRole = "code" | "quantity" | "unitPrice" | "amount" | "description" | "ignore";

/** Header words of line-item tables (invoices, receipts). Order matters: "Item #" is a code, "Item" a description. */
export const ITEM_ROLES: ReadonlyArray<RoleRule<ItemRole>> = [
  { role: "code", pattern: /^(?:item|product|part|article|art|catalog|model|ref)\.?\s*(?:#|no\.?|nr\.?|number|code|id)$|^(?:sku|upc|code|item\s*code|product\s*code|part\s*number)$/i },
  { role: "ignore", pattern: /^(?:tax|vat|btw|mwst|gst|hst|ust)\b(?!.*total)|disc(?:ount)?|^%|%$|\bdate\b|unit\s*of\s*measure|^uom$|^unit$/i },
  { role: "quantity", pattern: /^(?:qty|quantity|units|hours|hrs|menge|anzahl|aantal|qt[ée]|quantit[ée]|pcs|count)\b/i },
  { role: "unitPrice", pattern: /unit\s*(?:price|cost)|price\s*(?:each|per)|^(?:rate|price|each|cost|hourly\s+rate|einzelpreis|stukprijs|prix\s+unitaire)$/i },
  { role: "amount", pattern: /amount|total|^ext(?:ended)?\.?|^net$|betrag|bedrag|montant|^sum$|^price$/i },
  { role: "description", pattern: /desc|item|product|service|detail|particular|article|bezeichnung|omschrijving|activity|name|work/i },
];

const TOTALS_ROW = /^(?:sub\s*-?total|(?:grand|net|invoice)\s+total|total|tax|sales\s+tax|vat|shipping|freight|discount|balance|amount\s+due|amount\s+paid|deposit|less\b)/i;

/** A header naming a description column and a price or amount column. */
export const acceptItemHeader = (roles: ReadonlyArray<ItemRole | undefined>): boolean =>
  roles.includes("description") && (roles.includes("amount") || roles.includes("unitPrice"));

/** Tables whose header names at least a description and a price or amount column. */
export function itemTables(doc: LayoutDoc): Array<RoleTable<ItemRole>> {
  return findRoleTables(doc, ITEM_ROLES, acceptItemHeader, (block, roles) => mostRowsPriced(block, roles.indexOf("amount")));
}

function mostRowsPriced(block: DocBlock, amountCol: number): boolean {
  const rows = block.grid?.rows ?? [];
  if (amountCol < 0 || rows.length === 0) return false;
  return rows.filter((r) => findMoney(r.cells[amountCol] ?? "", true).length > 0).length * 2 >= rows.length;
}

/**
 * Rows of the item tables in document order. A row with only a description
 * continues the previous item's description (wrapped text); rows naming a
 * total, tax or balance are left to the summary.
 */
export function itemRows(doc: LayoutDoc, tables: ReadonlyArray<RoleTable<ItemRole>>): ItemDraft[] {
  const drafts: ItemDraft[] = [];
  for (const table of tables) {
    // The item a wrapped description may continue; closed by a totals row or a gap.
    let open: ItemDraft | undefined;
    let openBottom = 0;
    const col = (role: ItemRole) => table.roles.indexOf(role);
    for (const line of table.block.lines) {
      if (line.row === undefined || line.row <= table.headerRow || line.fullSpan) continue;
      const cells = line.cells ?? [];
      const descCols = table.roles.flatMap((r, i) => (r === "description" ? [i] : []));
      const description = collapseSpaces(descCols.map((i) => cells[i] ?? "").join(" "));
      const amount = findMoney(cells[col("amount")] ?? "", true)[0];
      const unitPrice = findMoney(cells[col("unitPrice")] ?? "", true)[0];
      const quantity = readQuantity(cells[col("quantity")] ?? "");
      const code = (cells[col("code")] ?? "").trim();
      if (TOTALS_ROW.test(description) || (!description && TOTALS_ROW.test(cells.find((c) => c) ?? ""))) {
        open = undefined;
        continue;
      }
      if (!amount && !unitPrice && !quantity && findMoney(cells.join(" ")).length > 0) {
        // Numbers outside the named columns: an OCR column split; read the row as text instead.
        const asText = textItemRow(line);
        if (asText) {
          open = asText;
          openBottom = line.rect.y1;
          drafts.push(asText);
        }
        continue;
      }
      if (!amount && !unitPrice && !quantity) {
        if (description && open && line.rect.y0 - openBottom < 2 * (line.rect.y1 - line.rect.y0)) {
          open.description = collapseSpaces(`${open.description} ${description}`);
          openBottom = line.rect.y1;
        }
        continue;
      }
      if (!description && !code) {
        open = undefined;
        continue;
      }
      open = {
        line,
        description,
        ...(code ? { code } : {}),
        ...(quantity ? { quantity } : {}),
        ...(unitPrice ? { unitPrice } : {}),
        ...(amount ? { amount } : {}),
      };
      openBottom = line.rect.y1;
      drafts.push(open);
    }
  }
  return drafts;
}
