import type { RoleRule } from "./table-roles.js";

export type StatementRole = "postDate" | "date" | "balance" | "debit" | "credit" | "amount" | "checkNo" | "ref" | "description";

/** Header words of statement transaction tables (bank and card). */
export const STATEMENT_ROLES: ReadonlyArray<RoleRule<StatementRole>> = [
  { role: "postDate", pattern: /post(?:ing|ed)?\s*date|date\s*posted|^posted$/i },
  { role: "date", pattern: /\bdate\b|^day$|^dt\.?$/i },
  { role: "balance", pattern: /balance/i },
  { role: "debit", pattern: /withdrawal|debit|subtraction|paid\s*out|money\s*out|charges?$/i },
  { role: "credit", pattern: /deposit|credit|addition|paid\s*in|money\s*in/i },
  { role: "amount", pattern: /amount|^\$$|^sum$|^value$/i },
  { role: "checkNo", pattern: /^(?:check|chk|cheque)\s*(?:no|number|#)?\.?$/i },
  { role: "ref", pattern: /^ref(?:erence)?\.?\s*(?:no|number|#|id)?\.?$|^(?:trace|confirmation)\s*(?:no|number|#)?\.?$/i },
  { role: "description", pattern: /desc|transaction|detail|particular|memo|payee|merchant|activity|narrative|^item|name/i },
];

/** A header naming a date column and an amount (or debit/credit) column. */
export const acceptStatementHeader = (roles: ReadonlyArray<StatementRole | undefined>): boolean =>
  roles.includes("date") && (roles.includes("amount") || roles.includes("debit") || roles.includes("credit"));

/**
 * Column groups of a table that repeats its columns side by side ("Date |
 * Check # | Amount | Date | Check # | Amount"); one group otherwise.
 */
export function roleGroups(roles: ReadonlyArray<StatementRole | undefined>): Array<{ start: number; length: number }> {
  for (let period = 2; period <= roles.length / 2; period++) {
    if (roles.length % period !== 0) continue;
    const first = roles.slice(0, period);
    if (!first.includes("date") || !roles.every((r, i) => r === first[i % period])) continue;
    return Array.from({ length: roles.length / period }, (_, k) => ({ start: k * period, length: period }));
  }
  return [{ start: 0, length: roles.length }];
}

