import type { PostalAddress } from "@docproc/gen/docproc/v1/values_pb.js";
import { findOrgEmail, findOrgPhone } from "./contact.js";
import type { Evidence } from "./field-build.js";
import { findBest } from "./label-finder.js";
import type { DocBlock, LayoutDoc } from "./layout-doc.js";
import { type Party, addressEvidence, findParties } from "./parties.js";
import { statementHeader } from "./statement-header.js";
import { readText } from "./value-readers.js";

export interface InvoiceParties {
  vendorName?: { text: string; evidence: Evidence };
  vendorAddress?: { address: PostalAddress; evidence: Evidence };
  vendorPhone?: Evidence;
  vendorEmail?: Evidence;
  customerName?: Evidence;
  customerAddress?: { address: PostalAddress; evidence: Evidence };
  shipTo?: { address: PostalAddress; evidence: Evidence };
}

const CUSTOMER = /bill|invoice\s*to|sold\s*to|customer|client|buyer|recipient/i;
const SHIP = /ship|deliver/i;
const PAYABLE = /(?:payable\s+to|remit\s+(?:payment\s+)?to)\s*:?\s*([A-Z][\w&.,' -]{2,60}?)(?:[.,;]\s|\.?$)/;

/**
 * The vendor is the issuing party in the header (never the bill-to or
 * ship-to block), with its own address, phone and e-mail; the customer is
 * the bill-to block (else the first other addressed party).
 */
export function invoiceParties(doc: LayoutDoc, vocabulary: RegExp): InvoiceParties {
  const parties = findParties(doc);
  const customerParty = parties.find((p) => p.label && CUSTOMER.test(p.label) && !SHIP.test(p.label));
  const shipParty = parties.find((p) => p.label && SHIP.test(p.label));
  const notVendor = [customerParty, shipParty].filter((p): p is Party => !!p);
  const header = statementHeader(doc, vocabulary, notVendor);
  const customer = customerParty ?? header.holder;
  const out: InvoiceParties = {};
  const vendorName = header.org ? { text: header.org.text, evidence: header.org.evidence } : payableTo(doc);
  if (vendorName) out.vendorName = vendorName;
  if (header.orgAddress) out.vendorAddress = header.orgAddress;
  const anchors = [header.org?.evidence.line.block, header.orgAddress?.evidence.line.block].filter((b): b is DocBlock => !!b);
  const customerBlocks = [customer, shipParty].flatMap((p) => p?.lines.map((l) => l.block) ?? []);
  const phone = findOrgPhone(doc, anchors, customerBlocks);
  if (phone) out.vendorPhone = phone;
  const email = findOrgEmail(doc, anchors, customerBlocks);
  if (email) out.vendorEmail = email;
  if (customer?.name) out.customerName = { raw: customer.name.text, line: customer.name.line, quality: customerParty ? 0.9 : 0.7 };
  else {
    const named = findBest(doc, { labels: ["customer name", "bill to", "billed to", "sold to", "customer", "client"], reject: /number|\bno\b|\bid\b|#|care|service|support|portal/i }, readText(8));
    if (named) out.customerName = named;
  }
  if (customer) out.customerAddress = { address: customer.address, evidence: addressEvidence(customer, customerParty ? 0.9 : 0.7) };
  if (shipParty) out.shipTo = { address: shipParty.address, evidence: addressEvidence(shipParty, 0.9) };
  return out;
}

/** "Please make checks payable to Evergreen Print & Design." */
function payableTo(doc: LayoutDoc): { text: string; evidence: Evidence } | undefined {
  for (const line of doc.lines) {
    const m = PAYABLE.exec(line.text);
    if (m?.[1]) return { text: m[1].trim(), evidence: { raw: m[1].trim(), line, quality: 0.7 } };
  }
  return undefined;
}
