import { create } from "@bufbuild/protobuf";
import { type AddressField, AddressFieldSchema, type TextField, TextFieldSchema } from "@docproc/gen/docproc/v1/values_pb.js";
import { parseAddress, splitNameAndAddress } from "../../fields/address.js";
import { MATCH_CONFIDENCE, blankMeta, illegibleMeta, notFoundMeta, presentMeta } from "../../fields/field-meta.js";
import { maskSsnShapes } from "../../fields/pii.js";
import type { LayoutReader } from "../layout-reader.js";
import { sourceOf } from "../layout/layout-cells.js";
import type { LabelHit } from "../layout/label-search.js";
import { lineConfidence } from "../layout/line-fields.js";
import type { ValueLine } from "../layout/value-region.js";

// "(739) 695-3123", "1-866-966-3116", "343 - 347 - 1843" (OCR spaces), with an optional extension.
const PHONE = String.raw`(?:\+?1\s?[\s.-]\s?)?\(?\d{3}\)?\s?[\s.-]?\s?\d{3}\s?[\s.-]\s?\d{4}(?:\s*(?:x|ext\.?)\s*\d{1,5})?`;
const PHONE_LINE = new RegExp(String.raw`^(?:(?:tel(?:ephone)?|phone|ph)\.?:?\s*)?(${PHONE})$`, "i");
const TRAILING_PHONE = new RegExp(String.raw`\s+(${PHONE})$`);

/** A name-and-address block read into its parts. */
export interface PartyBlock {
  name: TextField;
  address: AddressField;
  phone: TextField;
}

function text(value: string, meta: ReturnType<typeof presentMeta>): TextField {
  return create(TextFieldSchema, { value, meta });
}

/** "343 - 347 - 1843" → "343-347-1843" (spaces OCR put around separators). */
function tidyPhone(phone: string): string {
  return phone.replace(/\s*([.-])\s*/g, "$1");
}

/** Takes a telephone number off the end of a block (its own line, or the end of the last line). */
export function takePhone(lines: string[]): { rest: string[]; phone?: string } {
  const rest = [...lines];
  for (let i = rest.length - 1; i >= 0; i--) {
    const own = PHONE_LINE.exec(rest[i]!);
    if (own) {
      rest.splice(i, 1);
      return { rest, phone: tidyPhone(own[1]!) };
    }
    const tail = TRAILING_PHONE.exec(rest[i]!);
    if (tail && /[A-Za-z]/.test(rest[i]!.slice(0, tail.index))) {
      rest[i] = rest[i]!.slice(0, tail.index).trim();
      return { rest, phone: tidyPhone(tail[1]!) };
    }
  }
  return { rest };
}

/** Drops OCR debris lines (no word of two letters or digits: "i", "’", "0"). */
export function dropDebris<T extends { text: string }>(lines: readonly T[]): T[] {
  return lines.filter((l) => /[\p{L}\p{N}]{2}/u.test(l.text));
}

/**
 * A block's lines: its own, and when they hold no "City, ST ZIP" line yet, the
 * lines of the element right under it (OCR can split an address block).
 */
export function blockLines(reader: LayoutReader, hit: LabelHit, maxLines: number): ValueLine[] {
  const lines = dropDebris(reader.valueLines(hit, maxLines));
  if (lines.length === 0 || lines[0]!.adjacent || lines.some((l) => parseAddress([l.text]))) return lines;
  const below = reader.neighbors(hit, maxLines - lines.length).find((c) => c.some((l) => parseAddress([l.text])));
  return below ? [...lines, ...dropDebris(below)] : lines;
}

/** An address field from printed lines; ILLEGIBLE when no "City, ST ZIP" line is found. */
export function addressField(hit: LabelHit, lines: readonly ValueLine[], texts: string[]): AddressField {
  const first = lines[0];
  if (!first || texts.length === 0) return create(AddressFieldSchema, { meta: blankMeta(sourceOf(hit.cell), hit.matchConfidence) });
  const value = parseAddress(texts);
  const raw = texts.join("\n");
  if (!value) return create(AddressFieldSchema, { meta: illegibleMeta(sourceOf(first.cell), raw, hit.matchConfidence * 0.5) });
  return create(AddressFieldSchema, { value, meta: presentMeta(sourceOf(first.cell), raw, lineConfidence(hit, first)) });
}

/**
 * Reads a block printed as name line(s), street line(s), "City, ST ZIP" and
 * maybe a telephone number — in separate lines (box layouts) or run together
 * on one line (table cells).
 */
export function readPartyBlock(reader: LayoutReader, key: string, maxLines = 7): PartyBlock {
  const hit = reader.hits(key)[0];
  if (!hit) {
    return {
      name: text("", notFoundMeta()),
      address: create(AddressFieldSchema, { meta: notFoundMeta() }),
      phone: text("", notFoundMeta()),
    };
  }
  const lines = blockLines(reader, hit, maxLines);
  const first = lines[0];
  const { rest, phone } = takePhone(lines.map((l) => l.text));
  const { nameLines, addressLines } = splitNameAndAddress(rest);
  const source = sourceOf(first?.cell ?? hit.cell);
  const confidence = first ? lineConfidence(hit, first) : hit.matchConfidence;
  const name = maskSsnShapes(nameLines.join(" ").trim());
  return {
    name: name ? text(name, presentMeta(source, nameLines.join("\n"), confidence)) : text("", blankMeta(source, hit.matchConfidence)),
    address: addressField(hit, lines, addressLines),
    phone: phone ? text(phone, presentMeta(source, phone, Math.min(confidence, MATCH_CONFIDENCE.LABEL))) : text("", blankMeta(source, MATCH_CONFIDENCE.INFERRED)),
  };
}
