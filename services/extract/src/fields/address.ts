import { create } from "@bufbuild/protobuf";
import { type PostalAddress, PostalAddressSchema } from "@docproc/gen/docproc/v1/values_pb.js";
import { isUsStateCode } from "./us-states.js";

/** "City, ST 12345-6789" at the end of a line; the comma and the ZIP+4 are optional. */
const CITY_LINE = /^(.*?)[,\s]+([A-Za-z]{2})\.?,?\s+(\d{5}(?:[-\s]\d{4})?)(?:\s*,?\s*(?:USA|U\.S\.A\.|US|United States))?$/;
const CITY_LINE_NO_ZIP = /^(.*?),\s*([A-Za-z]{2})\.?$/;

const STREET_SUFFIXES = new Set(
  "st street ave avenue av rd road dr drive ln lane blvd boulevard ct court pl place way pkwy parkway cir circle ter terrace hwy highway trl trail sq square loop row plz plaza aly alley xing crossing pike tpke turnpike expy freeway fwy cres crescent pt point path walk".split(
    " ",
  ),
);
const UNIT_WORDS = new Set("apt apartment suite ste unit fl floor bldg building rm room box dept lot spc space".split(" "));
const COMPANY_WORDS = /^(?:llc|llp|pllc|inc|corp|co|ltd|lp|plc|na|fsb)\.?,?$/i;

/** True when a line reads like a street line: a house number, a few words, then a street suffix ("2024 Oak Street"). */
export function looksLikeStreetLine(line: string): boolean {
  const tokens = line.trim().split(/\s+/);
  if (!/^\d+[A-Za-z]?$/.test(tokens[0] ?? "")) return false;
  return tokens.slice(2, 7).some((t) => STREET_SUFFIXES.has(t.toLowerCase().replace(/[.,]+$/, "")));
}

/** Splits a printed block into the name lines and the address lines that follow them. */
export function splitNameAndAddress(lines: string[]): { nameLines: string[]; addressLines: string[] } {
  const clean = cleanLines(lines);
  const nameLines: string[] = [];
  for (let i = 0; i < clean.length; i++) {
    const line = clean[i]!;
    if (startsAddress(line)) return { nameLines, addressLines: clean.slice(i) };
    // A name and its address on one line (table cells join the printed lines).
    const tokens = line.split(" ");
    const k = tokens.findIndex((t, j) => j > 0 && /^\d/.test(t) && !COMPANY_WORDS.test(tokens[j + 1] ?? ""));
    const poBox = /\bP\.?\s?O\.?\s+Box\b/i.exec(line);
    const cut = poBox && poBox.index > 0 ? poBox.index : k > 0 ? tokens.slice(0, k).join(" ").length : -1;
    if (cut > 0) {
      nameLines.push(line.slice(0, cut).trim());
      return { nameLines, addressLines: [line.slice(cut).trim(), ...clean.slice(i + 1)] };
    }
    if (CITY_LINE.test(line) && (nameLines.length > 0 || i > 0)) return { nameLines, addressLines: clean.slice(i) };
    nameLines.push(line);
  }
  return { nameLines, addressLines: [] };
}

function startsAddress(line: string): boolean {
  return /^\d+[A-Za-z]?\b/.test(line) || /^P\.?\s?O\.?\s+Box\b/i.test(line) || /^(?:c\/o|attn)\b/i.test(line);
}

/**
 * Parses a US postal address from its printed lines: street line(s), then
 * "City, ST 12345". A street and city printed on one line ("12 Oak St Austin,
 * TX 78701", as table cells join lines) are split after the last street
 * suffix or unit. Name lines must be removed first (splitNameAndAddress).
 * Returns undefined when no "City, ST ZIP" line is found.
 */
export function parseAddress(lines: string[]): PostalAddress | undefined {
  const clean = cleanLines(lines);
  for (let i = clean.length - 1; i >= 0; i--) {
    const line = clean[i]!;
    const m = CITY_LINE.exec(line) ?? CITY_LINE_NO_ZIP.exec(line);
    if (!m || !isUsStateCode(m[2]!)) continue;
    const streetLines = clean.slice(0, i);
    let city = m[1]!.replace(/,$/, "").trim();
    if (streetLines.length === 0 || startsAddress(city)) {
      const split = splitStreetAndCity(city);
      if (split.street) streetLines.push(split.street);
      city = split.city;
    }
    return create(PostalAddressSchema, {
      addressLines: streetLines,
      locality: city,
      administrativeArea: m[2]!.toUpperCase(),
      postalCode: (m[3] ?? "").replace(/\s/, "-"),
      regionCode: "US",
    });
  }
  return undefined;
}

/** "21922 Fox Run Dr, Apt 35A Houston" → street "21922 Fox Run Dr, Apt 35A", city "Houston". */
function splitStreetAndCity(text: string): { street: string; city: string } {
  const tokens = text.split(" ");
  if (!startsAddress(text)) return { street: "", city: text };
  for (let k = tokens.length - 2; k >= 0; k--) {
    const word = tokens[k]!.toLowerCase().replace(/[.,]+$/, "");
    const prev = (tokens[k - 1] ?? "").toLowerCase().replace(/[.,]+$/, "");
    const isUnitValue = /^#\w+$/.test(word) || (UNIT_WORDS.has(prev) && /\d/.test(word));
    if ((k > 0 && STREET_SUFFIXES.has(word)) || isUnitValue) {
      return { street: tokens.slice(0, k + 1).join(" ").replace(/,$/, ""), city: tokens.slice(k + 1).join(" ") };
    }
  }
  const comma = text.lastIndexOf(",");
  if (comma > 0) return { street: text.slice(0, comma), city: text.slice(comma + 1).trim() };
  return { street: tokens.slice(0, -1).join(" "), city: tokens.at(-1) ?? "" };
}

function cleanLines(lines: string[]): string[] {
  return lines.map((l) => l.replace(/\s+/g, " ").trim()).filter((l) => l.length > 0);
}

/** The address as printed lines: street lines, then "City, ST ZIP". */
export function addressToText(a: PostalAddress): string {
  const last = [a.locality, [a.administrativeArea, a.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return [...a.addressLines, last].filter(Boolean).join("\n");
}
