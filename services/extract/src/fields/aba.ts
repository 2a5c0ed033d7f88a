/**
 * True when s is a 9-digit ABA routing transit number: a valid Federal Reserve
 * prefix (00-12, 21-32, 61-72, 80) and the 3-7-1 weighted checksum. Routing
 * numbers identify banks, not people, so they are not masked.
 */
export function isValidAbaRouting(s: string): boolean {
  if (!/^\d{9}$/.test(s) || s === "000000000") return false;
  const prefix = Number(s.slice(0, 2));
  const prefixOk = prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
  if (!prefixOk) return false;
  const d = [...s].map(Number);
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  return sum % 10 === 0;
}
