/** Form 1099-R box 7 distribution codes (Instructions for Forms 1099-R and 5498). */
export const R_DISTRIBUTION_CODES: ReadonlySet<string> = new Set(
  "1 2 3 4 5 6 7 8 9 A B C D E F G H J K L M N P Q R S T U W Y".split(" "),
);

/** Splits a printed box 7 ("7", "7D", "4, G", "1 B") into its codes; undefined when it holds anything else. */
export function splitDistributionCodes(text: string): string[] | undefined {
  const compact = text.toUpperCase().replace(/[\s,/&+-]+/g, "");
  if (compact.length === 0 || compact.length > 2) return undefined;
  const codes = [...compact];
  return codes.every((c) => R_DISTRIBUTION_CODES.has(c)) ? codes : undefined;
}
