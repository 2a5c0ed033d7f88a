import type { DocBlock, LayoutDoc } from "./layout-doc.js";

/** A column meaning and the header words that name it, checked in order (first match wins). */
export interface RoleRule<R extends string> {
  role: R;
  pattern: RegExp;
}

/** A table whose columns were named from its header. */
export interface RoleTable<R extends string> {
  block: DocBlock;
  /** Rows before and including this index are header rows. */
  headerRow: number;
  /** The role of each column (undefined when the header does not say). */
  roles: Array<R | undefined>;
}

/** The role of each header cell. */
export function rolesOf<R extends string>(cells: readonly string[], rules: ReadonlyArray<RoleRule<R>>): Array<R | undefined> {
  return cells.map((cell) => {
    const text = cell.trim();
    if (!text) return undefined;
    return rules.find((r) => r.pattern.test(text))?.role;
  });
}

function hasHeaderRow(block: DocBlock): boolean {
  return block.grid?.rows.some((r) => r.header) ?? false;
}

/** Column index of a role, or -1. */
export function columnOf<R extends string>(table: RoleTable<R>, role: R): number {
  return table.roles.indexOf(role);
}

/**
 * Tables whose header names the columns: a row (the first few rows are tried)
 * where at least two cells have roles and `accept` holds. A table without a
 * header that has as many columns as the previous named table continues it
 * (continuation pages often repeat no header, or OCR loses it).
 */
export function findRoleTables<R extends string>(
  doc: LayoutDoc,
  rules: ReadonlyArray<RoleRule<R>>,
  accept: (roles: ReadonlyArray<R | undefined>) => boolean,
  continues: (block: DocBlock, roles: ReadonlyArray<R | undefined>) => boolean = () => false,
): Array<RoleTable<R>> {
  const tables: Array<RoleTable<R>> = [];
  for (const block of doc.blocks) {
    const grid = block.grid;
    if (!grid || grid.rows.length === 0) continue;
    let found: RoleTable<R> | undefined;
    for (let r = 0; r < Math.min(3, grid.rows.length) && !found; r++) {
      const roles = rolesOf(grid.rows[r]!.cells, rules);
      if (roles.filter(Boolean).length >= 2 && accept(roles)) found = { block, headerRow: r, roles };
    }
    const previous = tables.at(-1);
    const sameShape = previous && previous.roles.length === grid.columnCount;
    if (!found && previous && sameShape && !hasHeaderRow(block) && continues(block, previous.roles)) {
      found = { block, headerRow: -1, roles: previous.roles };
    }
    if (found) tables.push(found);
  }
  return tables;
}
