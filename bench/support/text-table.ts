/**
 * A plain-text table: the first column left-aligned, the others
 * right-aligned (they are numbers), columns two spaces apart, a dashed rule
 * under the header. Lines are indented by two spaces.
 */
export function formatTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cells = [header.map(String), ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? "").length)));
  const line = (row: readonly string[]): string =>
    `  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join("  ")}`.trimEnd();
  return [line(cells[0] as string[]), `  ${widths.map((w) => "-".repeat(w)).join("  ")}`, ...cells.slice(1).map(line)].join("\n");
}

/** A section title followed by its body, separated from what comes before by a blank line. */
export function section(title: string, body: string): string {
  return `\n${title}\n${body}`;
}
