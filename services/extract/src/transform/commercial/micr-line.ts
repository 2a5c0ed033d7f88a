import { isValidAbaRouting, maskAllButLast4 } from "../../fields/index.js";

/** The fields of a check's MICR line. */
export interface Micr {
  routing?: string;
  routingValid: boolean;
  account?: string;
  serial?: string;
  /** The line as read with the account number masked (last four digits kept). */
  masked: string;
}

const TRANSIT = "⑆";
const ON_US = "⑈";

/** True when the text carries MICR symbols, or reads like one (a routing group among digit groups, symbols read as stray marks). */
export function looksLikeMicr(text: string): boolean {
  if (text.includes(TRANSIT) || text.includes(ON_US)) return true;
  const groups = text.match(/\d+/g) ?? [];
  const letters = (text.match(/[A-Za-z]/g) ?? []).length;
  return groups.length >= 2 && letters <= 6 && groups.some((g) => routingWindow(g) !== undefined);
}

/**
 * The routing number inside a digit group: the group itself when it is 9
 * digits passing the checksum, else a passing 9-digit window whose extra
 * digits are all "1" (OCR reads the transit symbol ⑆ as "1"). `glued` tells
 * the symbols were read as digits.
 */
function routingWindow(group: string): { routing: string; glued: boolean } | undefined {
  if (group.length === 9) return isValidAbaRouting(group) ? { routing: group, glued: false } : undefined;
  if (group.length < 10 || group.length > 12) return undefined;
  let best: { routing: string; penalty: number } | undefined;
  for (let off = 0; off + 9 <= group.length; off++) {
    const extra = group.slice(0, off) + group.slice(off + 9);
    const routing = group.slice(off, off + 9);
    if (!/^1+$/.test(extra) || !isValidAbaRouting(routing)) continue;
    const penalty = Math.abs(off - (group.length - 9 - off));
    if (!best || penalty < best.penalty) best = { routing, penalty };
  }
  return best ? { routing: best.routing, glued: true } : undefined;
}

/**
 * Parses a MICR line leniently: OCR may render the transit symbol ⑆ as
 * "|:", ":", "A", "C" or a "1" glued to the digits, and the on-us symbol ⑈
 * as "||", "\"", "C" or "1", so the fields are found from digit groups: the
 * routing number is the 9-digit group (or glued window) passing the ABA
 * checksum (else any 9-digit group); a group
 * before it is the auxiliary on-us serial (business checks); after it come
 * the account and, on personal checks, the serial. The printed check number
 * decides which trailing group is the serial when both are short.
 */
export function parseMicr(text: string, checkNumber?: string): Micr {
  const groups = [...text.matchAll(/\d(?:[\d-]*\d)?/g)].map((m) => ({ raw: m[0], digits: m[0].replace(/-/g, ""), start: m.index }));
  let r = groups.findIndex((g) => routingWindow(g.digits) !== undefined);
  const window = r >= 0 ? routingWindow(groups[r]!.digits) : undefined;
  if (r < 0) r = groups.findIndex((g) => g.digits.length === 9);
  const routing = window?.routing ?? (r >= 0 ? groups[r]!.digits : undefined);
  // When OCR turned the symbols into "1"s around the routing number, the on-us symbol after a field became a "1" too.
  if (window?.glued) {
    for (const g of groups) {
      if (g !== groups[r] && g.digits.length >= 6 && g.digits.endsWith("1")) {
        g.digits = g.digits.slice(0, -1);
        g.raw = g.raw.slice(0, -1);
      }
    }
  }
  const before = r >= 0 ? groups.slice(0, r) : [];
  const after = r >= 0 ? groups.slice(r + 1) : groups;
  let account: (typeof groups)[number] | undefined;
  let serial: (typeof groups)[number] | undefined;
  const strip = (s: string) => s.replace(/^0+/, "");
  if (before.length > 0) {
    serial = before.at(-1);
    account = after[0];
  } else if (after.length >= 2) {
    const byNumber = checkNumber ? after.find((g) => strip(g.digits) === strip(checkNumber)) : undefined;
    serial = byNumber ?? (after[1]!.digits.length <= after[0]!.digits.length ? after[1] : after[0]);
    account = after.find((g) => g !== serial);
  } else {
    account = after[0];
  }
  let masked = text;
  if (account) masked = masked.slice(0, account.start) + maskAllButLast4(account.raw) + masked.slice(account.start + account.raw.length);
  return {
    ...(routing ? { routing } : {}),
    routingValid: routing ? isValidAbaRouting(routing) : false,
    ...(account ? { account: account.digits } : {}),
    ...(serial ? { serial: serial.digits } : {}),
    masked,
  };
}
