import { CheckState, Severity } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { handPage, plainField } from "../../../test-support/commercial-layout-fixture.js";
import { transformCheck } from "./check.js";

/** A business check read by OCR: MICR symbols rendered as letters, amount in a star-filled box. */
function ocrCheck(words = "PAY EXACTLY One Thousand Two Hundred Thirty-Four and 56/100 Dollars") {
  return [
    handPage(
      0,
      [
        { text: "ACME WIDGETS LLC\n500 Industrial Pkwy\nDayton, OH 45402", box: [0.03, 0.04, 0.4, 0.2], confidence: 0.91 },
        { text: "First Valley Bank\nDayton, OH\n13-2740/2420", box: [0.45, 0.04, 0.7, 0.18], confidence: 0.9 },
        { text: "No. 001234", box: [0.8, 0.04, 0.97, 0.08], confidence: 0.92 },
        { text: "DATE: 2024-05-17", box: [0.7, 0.2, 0.97, 0.25], confidence: 0.9 },
        { text: words, box: [0.03, 0.3, 0.85, 0.36], confidence: 0.88 },
        { text: "$ ****1,234.56", box: [0.75, 0.38, 0.97, 0.44], confidence: 0.9 },
        { text: "TO THE ORDER OF Bright Future Services Inc", box: [0.03, 0.45, 0.7, 0.5], confidence: 0.9 },
        { text: "MEMO: March retainer", box: [0.03, 0.72, 0.4, 0.76], confidence: 0.85 },
        { category: "picture", box: [0.6, 0.68, 0.95, 0.8] },
        { text: "AUTHORIZED SIGNATURE", box: [0.62, 0.82, 0.9, 0.85], confidence: 0.9 },
        { text: "C001234C A021000021A 1234567890C", box: [0.1, 0.9, 0.7, 0.96], confidence: 0.7 },
      ],
      1200,
      550,
    ),
  ];
}

describe("transformCheck", () => {
  it("reads a check with OCR-rendered MICR symbols", () => {
    const { document, issues } = transformCheck(ocrCheck());
    const get = (k: string) => plainField(document as never, k);
    expect(get("check_number")).toBe("001234");
    expect(get("check_date")).toBe("2024-05-17");
    expect(get("payee")).toBe("Bright Future Services Inc");
    expect(get("amount")).toBe("1234.56");
    expect(get("amount_in_words")).toBe("1234.56");
    expect(get("memo")).toBe("March retainer");
    expect(get("payer_name")).toBe("ACME WIDGETS LLC");
    expect(get("payer_address")).toEqual({ street: "500 Industrial Pkwy", city: "Dayton", state: "OH", postal_code: "45402" });
    expect(get("bank_name")).toBe("First Valley Bank");
    expect(get("fractional_routing")).toBe("13-2740/2420");
    expect(get("routing_number")).toBe("021000021");
    expect(get("account_number")).toEqual({ last4: "7890", truncated: false });
    expect(get("micr_serial")).toBe("001234");
    expect(get("micr_line")).toBe("C001234C A021000021A ******7890C");
    expect(get("signature_present")).toBe(true);
    expect(get("amounts_agree")).toBe(true);
    expect(issues).toEqual([]);
    expect(JSON.stringify(document, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain("1234567890");
  });

  it("flags written and numeric amounts that disagree and never reads the check number as the amount", () => {
    const { document, issues } = transformCheck(ocrCheck("PAY One Thousand Two Hundred Forty-Four and 56/100 Dollars"));
    expect(plainField(document as never, "amount")).toBe("1234.56");
    expect(plainField(document as never, "amount_in_words")).toBe("1244.56");
    expect(document.amountsAgree?.value).toBe(CheckState.UNCHECKED);
    expect(issues.find((i) => i.code === "check.amount_words")?.severity).toBe(Severity.ERROR);
  });

  it("reports an unsigned check", () => {
    const pages = ocrCheck();
    pages[0]!.elements.splice(8, 1);
    const { document } = transformCheck(pages);
    expect(document.signaturePresent?.value).toBe(CheckState.UNCHECKED);
  });
});
