import type { PostalAddress } from "@docproc/gen/docproc/v1/values_pb.js";
import { parseAddress, splitNameAndAddress } from "../../fields/index.js";
import type { Evidence } from "./field-build.js";
import type { DocLine, LayoutDoc } from "./layout-doc.js";
import { PARTY_LABEL, dropLogoNoise, endsWithZip, isCareOfLine, isNameLike, isStreetLine, leftColumn, segmentsOf } from "./line-shapes.js";
import { trimPunctuation } from "./text-clean.js";

/** A name with a postal address under it, as printed in a block. */
export interface Party {
  /** The name line (or the text after a "Bill To:" label). */
  name?: { text: string; line: DocLine };
  /** The party label line or text ("Bill To", "Ship To"), when printed. */
  label?: string;
  address: PostalAddress;
  /** The printed address lines (street lines, then "City, ST ZIP"). */
  addressLines: string[];
  /** The line holding the city/ZIP. */
  cityLine: DocLine;
  /** Every line of the party, name first. */
  lines: DocLine[];
}

/** The line printed just above, in the same element or an aligned element right above. */
export function lineAbove(doc: LayoutDoc, line: DocLine): DocLine | undefined {
  const inBlock = line.block.lines[line.indexInBlock - 1];
  if (inBlock) return inBlock;
  const h = Math.max(0.005, line.rect.y1 - line.rect.y0);
  return doc.lines
    .filter(
      (o) =>
        o.block !== line.block &&
        o.block.page === line.block.page &&
        !o.cells &&
        aligned(o, line) &&
        o.rect.y1 <= line.rect.y0 + h * 0.3 &&
        line.rect.y0 - o.rect.y1 < h * 1.6,
    )
    .sort((a, b) => b.rect.y1 - a.rect.y1)[0];
}

/** Left edges, centres or right edges line up (left-aligned, centred and right-aligned blocks). */
function aligned(above: DocLine, line: DocLine): boolean {
  const centre = (l: DocLine) => (l.rect.x0 + l.rect.x1) / 2;
  if (Math.abs(above.rect.x0 - line.rect.x0) < 0.02 || Math.abs(centre(above) - centre(line)) < 0.02 || Math.abs(above.rect.x1 - line.rect.x1) < 0.02) return true;
  // A name line that starts a little further left (a logo mark read with it) but spans the line's start.
  return above.rect.x0 <= line.rect.x0 && line.rect.x0 - above.rect.x0 < 0.1 && above.rect.x1 > line.rect.x0;
}

/** Every name+address group of the document, in reading order (text blocks and "Bill To | Ship To" tables). */
export function findParties(doc: LayoutDoc): Party[] {
  const parties: Party[] = tableParties(doc);
  for (const line of doc.lines) {
    if (line.cells && line.cells.filter(Boolean).length > 1) continue;
    // A phone number or web address printed after the ZIP on the same line is not part of the address.
    const segments = segmentsOf(leftColumn(line.text)).map((seg) =>
      seg.replace(/\s+(?:(?:\+?1[\s.-])?(?:\(\d{3}\)[\s.-]?|\d{3}[\s.-])\d{3}[\s.-]\d{4}|(?:www\.|https?:)\S+|\S+@\S+)\s*$/, ""),
    );
    segments.forEach((segment, si) => {
      if (!endsWithZip(segment)) return;
      const party = partyAt(doc, line, segments, si);
      if (party) parties.push(party);
    });
  }
  const seen = new Set<string>();
  return parties
    .sort((a, b) => a.cityLine.seq - b.cityLine.seq)
    .filter((p) => {
      const key = `${p.address.addressLines.join(",")}|${p.address.postalCode}|${p.name?.text ?? ""}`;
      return !seen.has(key) && !!seen.add(key);
    });
}

/** Parties printed as a table: a header cell "Bill To" over a cell holding the name and address. */
function tableParties(doc: LayoutDoc): Party[] {
  const parties: Party[] = [];
  for (const block of doc.blocks) {
    const rows = block.grid?.rows ?? [];
    rows.forEach((row, r) => {
      row.cells.forEach((cell, c) => {
        const label = PARTY_LABEL.exec(cell.trim());
        if (!label || trimPunctuation(label[2] ?? "") !== "") return;
        const below = rows.slice(r + 1).map((x) => x.cells[c] ?? "").filter(Boolean);
        const split = splitNameAndAddress(below.flatMap((t) => t.split(/\n/)));
        const address = parseAddress(split.addressLines);
        const line = block.lines.find((l) => l.row === r + 1) ?? block.lines[0];
        if (!address || address.addressLines.length === 0 || !line) return;
        const name = split.nameLines.join(" ").trim();
        parties.push({
          ...(name && isNameLike(name) ? { name: { text: name, line } } : {}),
          label: label[1]!,
          address,
          addressLines: split.addressLines,
          cityLine: line,
          lines: [line],
        });
      });
    });
  }
  return parties;
}

function partyAt(doc: LayoutDoc, line: DocLine, segments: string[], si: number): Party | undefined {
  const city = segments[si]!;
  const streets: string[] = [];
  const lines: DocLine[] = [line];
  let nameText: string | undefined;
  let nameLine: DocLine | undefined;
  let label: string | undefined;
  const single = parseAddress([city]);
  if (!single) return undefined;
  // "JPMorgan Chase Bank, N.A. P.O. Box 15123, Wilmington, DE 19850" on one line: name, then address.
  const inline = single.addressLines.length === 0 ? splitNameAndAddress([city]) : undefined;
  if (inline && inline.nameLines.length > 0 && inline.addressLines.length > 0 && isNameLike(inline.nameLines.join(" "))) {
    const address = parseAddress(inline.addressLines);
    if (address && address.addressLines.length > 0) {
      const name = inline.nameLines.join(" ").replace(/[,\s]+$/, "");
      return { name: { text: name, line }, address, addressLines: inline.addressLines.flatMap((l) => splitOneLineAddress(l)), cityLine: line, lines: [line] };
    }
  }
  // Street and name on the same line, in earlier segments: "P.O. Box 8847 · Phoenix, AZ 85044".
  let k = si - 1;
  while (single.addressLines.length === 0 && k >= 0 && isStreetLine(segments[k]!) && streets.length < 2) streets.unshift(segments[k--]!);
  if (k >= 0 && isNameLike(segments[k]!)) {
    nameText = segments[k];
    nameLine = line;
  }
  // Otherwise walk up the printed lines.
  let cursor: DocLine | undefined = k < 0 ? line : undefined;
  for (let steps = 0; cursor && steps < 6 && !nameText; steps++) {
    const above = lineAbove(doc, cursor);
    if (!above) break;
    const text = leftColumn(above.text.trim());
    const labelled = PARTY_LABEL.exec(text);
    if (labelled) {
      label = labelled[1];
      const rest = trimPunctuation(labelled[2] ?? "");
      if (rest && isNameLike(rest)) {
        nameText = rest;
        nameLine = above;
        lines.unshift(above);
      }
      break;
    }
    if (isCareOfLine(text)) {
      lines.unshift(above);
    } else if (single.addressLines.length === 0 && streets.length < 3 && isStreetLine(text)) {
      streets.unshift(text);
      lines.unshift(above);
    } else if (isNameLike(dropLogoNoise(text))) {
      nameText = dropLogoNoise(text);
      nameLine = above;
      lines.unshift(above);
      const before = lineAbove(doc, above);
      const labelAbove = before ? PARTY_LABEL.exec(before.text.trim()) : null;
      if (labelAbove && !trimPunctuation(labelAbove[2] ?? "")) label = labelAbove[1];
    } else break;
    cursor = above;
  }
  const addressLines = [...streets, city];
  const address = parseAddress(addressLines);
  if (!address || address.addressLines.length === 0) return undefined;
  return {
    ...(nameText && nameLine ? { name: { text: nameText, line: nameLine } } : {}),
    ...(label ? { label } : {}),
    address,
    addressLines: addressLines.flatMap((l) => splitOneLineAddress(l)),
    cityLine: line,
    lines,
  };
}

/** "76 Laurel St, Madison, WI 53791" → ["76 Laurel St", "Madison, WI 53791"] for raw text. */
function splitOneLineAddress(text: string): string[] {
  const a = parseAddress([text]);
  if (!a || a.addressLines.length === 0) return [text];
  const street = a.addressLines.join(", ");
  const rest = text.slice(text.indexOf(street) + street.length).replace(/^[\s,]+/, "");
  return text.includes(street) && rest ? [street, rest] : [text];
}

/** Evidence for a party's address (the city line's element). */
export function addressEvidence(party: Party, quality: number): Evidence {
  return { raw: party.addressLines.join("\n"), line: party.lines.find((l) => l !== party.name?.line) ?? party.cityLine, quality };
}

/** Evidence for a party's name. */
export function nameEvidence(party: Party, quality: number): Evidence | undefined {
  return party.name ? { raw: party.name.text, line: party.name.line, quality } : undefined;
}
