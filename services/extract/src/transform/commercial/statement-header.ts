import type { AddressField, PostalAddress, TextField } from "@docproc/gen/docproc/v1/values_pb.js";
import { parseAddress } from "../../fields/index.js";
import { findOrgPhone } from "./contact.js";
import { type Evidence, addressField, textField } from "./field-build.js";
import { BANK_WORDS } from "./statement-labels.js";
import type { DocBlock, LayoutDoc } from "./layout-doc.js";
import { type OrgName, findOrgName } from "./org-name.js";
import { type Party, addressEvidence, findParties, nameEvidence } from "./parties.js";
import { normalizeKey } from "./text-clean.js";

/** The issuer and the account holder of a statement or bill. */
export interface StatementHeader {
  org?: OrgName;
  orgAddress?: { address: PostalAddress; evidence: Evidence };
  orgPhone?: Evidence;
  holder?: Party;
  parties: Party[];
}

const PROSE_ADDRESS = /((?:P\.?\s?O\.?\s*Box\s+\d+|\d+\s+[A-Za-z0-9 .#]+?)),\s*([A-Za-z .]+?),?\s+([A-Z]{2})\s+(\d{5}(?:-\d{4})?)/;
const MAIL_TO = /(?:inquiries|correspondence|payments?|write\s+(?:to\s+)?us|mail|send|remit)\b[^.]{0,40}?\b(?:to|at)\b/i;

/**
 * Finds who issued the document (name from the header, its address and
 * phone) and who it is addressed to (the first other name+address block).
 * `notIssuer` parties (an invoice's bill-to and ship-to) are never the
 * issuer, nor a line matching `notName` without the vocabulary (an account
 * type heading such as "Everyday Checking"); with `addresseeIsPerson`, no
 * name+address block lacking the vocabulary (the holder). The issuer's address is the block under its name (also on a remittance
 * stub), an unnamed address line near the name, or a "send inquiries to …"
 * sentence.
 */
export function statementHeader(
  doc: LayoutDoc,
  vocabulary: RegExp = BANK_WORDS,
  notIssuer: readonly Party[] = [],
  notName: RegExp = /(?!)/,
  addresseeIsPerson = false,
): StatementHeader {
  const parties = findParties(doc).filter((p) => !notIssuer.some((n) => n.cityLine === p.cityLine));
  const excluded = new Set(notIssuer.flatMap((p) => p.lines));
  // On statements the name above a postal address without institution words is the addressee's.
  if (addresseeIsPerson) for (const p of parties) if (p.name && !vocabulary.test(p.name.text)) excluded.add(p.name.line);
  const org = findOrgName(doc, { vocabulary, exclude: (line, text) => excluded.has(line) || (notName.test(text) && !vocabulary.test(text)) });
  const orgKey = org ? normalizeKey(org.text) : "";
  const named = parties.find((p) => p.name && normalizeKey(p.name.text) === orgKey);
  const inOrgBlock = org ? parties.find((p) => p.lines.some((l) => l.block === org.evidence.line.block)) : undefined;
  const near = org
    ? parties.find(
        (p) =>
          !p.name &&
          p.cityLine.block.page === org.evidence.line.block.page &&
          p.cityLine.rect.y0 >= org.evidence.line.rect.y0 &&
          p.cityLine.rect.y0 - org.evidence.line.rect.y1 < 0.08,
      )
    : undefined;
  const orgParty = named ?? inOrgBlock ?? near;
  const holder = parties.find(
    (p) => p !== orgParty && p.name && normalizeKey(p.name.text) !== orgKey && !vocabulary.test(p.name.text) && p.cityLine.block.page === (doc.blocks[0]?.page ?? 0),
  );
  const orgAddress = orgParty
    ? { address: orgParty.address, evidence: addressEvidence(orgParty, orgParty === named || orgParty === inOrgBlock ? 0.9 : 0.8) }
    : proseAddress(doc);
  const anchors: DocBlock[] = [org?.evidence.line.block, orgAddress?.evidence.line.block].filter((b): b is DocBlock => !!b);
  const holderBlocks = holder ? holder.lines.map((l) => l.block) : [];
  const orgPhone = findOrgPhone(doc, anchors, holderBlocks);
  return {
    parties,
    ...(org ? { org } : {}),
    ...(orgAddress ? { orgAddress } : {}),
    ...(orgPhone ? { orgPhone } : {}),
    ...(holder ? { holder } : {}),
  };
}

/** The header as fields: the issuer's name, address and phone, and the account holder's name and address. */
export function headerFields(header: StatementHeader): {
  orgName: TextField;
  orgAddress: AddressField;
  orgPhone: TextField;
  holderName: TextField;
  holderAddress: AddressField;
} {
  const { org, orgAddress, orgPhone, holder } = header;
  return {
    orgName: textField(org?.text, org?.evidence),
    orgAddress: addressField(orgAddress?.address, orgAddress?.evidence),
    orgPhone: textField(orgPhone?.raw, orgPhone),
    holderName: textField(holder?.name?.text, holder && nameEvidence(holder, 0.85)),
    holderAddress: addressField(holder?.address, holder ? { raw: holder.addressLines.join("\n"), line: holder.cityLine, quality: 0.85 } : undefined),
  };
}

function proseAddress(doc: LayoutDoc): { address: PostalAddress; evidence: Evidence } | undefined {
  for (const line of doc.lines) {
    if (!MAIL_TO.test(line.text)) continue;
    const m = PROSE_ADDRESS.exec(line.text);
    if (!m) continue;
    const street = m[1]!.trim();
    const cityLine = `${m[2]!.trim()}, ${m[3]} ${m[4]}`;
    const address = parseAddress([street, cityLine]);
    if (address) return { address, evidence: { raw: `${street}\n${cityLine}`, line, quality: 0.7 } };
  }
  return undefined;
}
