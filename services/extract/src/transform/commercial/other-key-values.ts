import { create } from "@bufbuild/protobuf";
import { type KeyValuePair, KeyValuePairSchema } from "@docproc/gen/docproc/v1/financial_documents_pb.js";
import { maskAllButLast4, maskIdentifiers } from "../../fields/index.js";
import { textField } from "./field-build.js";
import type { DocLine, LayoutDoc } from "./layout-doc.js";
import { trimPunctuation } from "./text-clean.js";

const PAIR = /(?:^|\s)([A-Z][A-Za-z0-9 .#/&()'-]{0,40}?):\s*(.+?)(?=\s+[A-Z][A-Za-z0-9 .#/&()'-]{0,40}?:\s|$)/g;
const SENSITIVE_KEY = /account|acct|ssn|social|card|member|policy|routing|tin\b|tax\s*id|employee\s*id/i;

/** Masks a value: identifiers everywhere, and every digit but the last four under account-like keys. */
function maskValue(key: string, value: string): string {
  const masked = maskIdentifiers(value);
  return SENSITIVE_KEY.test(key) && (masked.match(/\d/g) ?? []).length >= 6 ? maskAllButLast4(masked) : masked;
}

/**
 * Every label/value pair printed: "Label: value" pairs in text (several per
 * line allowed), two-cell table rows, the columns of one-row tables with a
 * header, and a short label line followed by its value line. Values are
 * masked; each carries its own provenance.
 */
export function keyValues(doc: LayoutDoc): KeyValuePair[] {
  const out: KeyValuePair[] = [];
  const seen = new Set<string>();
  const add = (key: string, value: string, line: DocLine, quality: number): void => {
    const k = trimPunctuation(key);
    const v = trimPunctuation(value);
    if (!k || !v || k.length > 50 || seen.has(`${k}|${v}|${line.seq}`)) return;
    seen.add(`${k}|${v}|${line.seq}`);
    const masked = maskValue(k, v);
    out.push(create(KeyValuePairSchema, { key: k, value: textField(masked, { raw: masked, line, quality }) }));
  };
  for (const block of doc.blocks) {
    const rows = block.grid?.rows ?? [];
    if (rows.length === 2 && rows[0]!.header) {
      rows[0]!.cells.forEach((h, i) => add(h, rows[1]!.cells[i] ?? "", block.lines[1] ?? block.lines[0]!, 0.85));
      continue;
    }
    for (const line of block.lines) {
      const filled = line.cells?.filter(Boolean) ?? [];
      if (line.cells) {
        if (filled.length === 2 && /[A-Za-z]/.test(filled[0]!) && !line.header) add(filled[0]!, filled[1]!, line, 0.85);
        continue;
      }
      let any = false;
      for (const m of line.text.matchAll(PAIR)) {
        add(m[1]!, m[2]!, line, 0.85);
        any = true;
      }
      const next = block.lines[line.indexInBlock + 1];
      if (!any && next && isBareLabel(line.text) && /\d/.test(next.text) && !next.text.includes(":")) add(line.text, next.text, next, 0.75);
    }
  }
  return out;
}

function isBareLabel(text: string): boolean {
  return /^[A-Za-z][A-Za-z .#/&'-]{1,40}$/.test(text) && text.split(" ").length <= 4;
}
