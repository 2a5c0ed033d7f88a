import { describe, expect, it } from "vitest";
import { maskAllButLast4, maskIdentifiers, maskSsnShapes } from "./pii.js";

describe("maskIdentifiers: identifiers are masked", () => {
  it.each([
    ["SSN 360-31-8262", "SSN ***-**-8262"],
    ["360 31 8262", "***-**-8262"],
    ["912-70-1234", "***-**-1234"],
    ["EIN 73-6950622", "EIN **-***0622"],
    ["a Employee's social security number 360318262", "a Employee's social security number ***-**-8262"],
    ["RECIPIENT'S TIN 021000021", "RECIPIENT'S TIN ***-**-0021"],
    ["Account 688612413019", "Account ****3019"],
    ["acct 3693-1464", "acct ****1464"],
    ["card 4111 1111 1111 1111 exp", "card ****1111 exp"],
    ["4111-1111-1111-1111", "****1111"],
    ["Acct #12345678", "Acct #****5678"],
    ["545121626", "****1626"],
    ["1234567890123456789", "****6789"],
  ])("%s", (input, expected) => {
    expect(maskIdentifiers(input)).toBe(expected);
  });

  it.each([
    ["Account 5367-78315-84", "Account ****1584"],
    ["5367-78315-84", "****1584"],
    ["Acct: 12-3456-7890", "Acct: ****7890"],
    ["1234 5678 9012", "****9012"],
    ["Card number 1234 5678 9012 3456", "Card number ****3456"],
    ["Policy 1234-5678-9012-34", "Policy ****1234"],
    ["Accounts 5367-78315-84 1234 5678 9012", "Accounts ****1584 ****9012"],
    // Short groups between two long numbers are a number of their own.
    ["217869636 1234 5678 9012", "217869636 ****9012"],
  ])("masks the grouped account number in %s", (input, expected) => {
    expect(maskIdentifiers(input)).toBe(expected);
  });

  it("masks inside table HTML and Markdown", () => {
    expect(maskIdentifiers("<td>RECIPIENT'S TIN 703-61-5061</td><td>PAYER'S TIN 58-2987700</td>")).toBe(
      "<td>RECIPIENT'S TIN ***-**-5061</td><td>PAYER'S TIN **-***7700</td>",
    );
    expect(maskIdentifiers("**Account:** 639557762670\n\n| 12/01 | 4412345678 |")).toBe("**Account:** ****2670\n\n| 12/01 | ****5678 |");
  });

  it("masks several identifiers on a line and leaves masked ones alone", () => {
    expect(maskIdentifiers("XXX-XX-8262 and 123-45-6789 and ***-**-1111")).toBe("XXX-XX-8262 and ***-**-6789 and ***-**-1111");
  });
});

describe("maskIdentifiers: other numbers are left alone", () => {
  it.each([
    ["money", "Wages $ 117,636.28 and 111750.71 and 12345678.90 and $12345678 and 1,234,567.89"],
    ["dates", "01/31/2024 2024-01-31 1/31/24 Jan 31, 2024 20240131 01312024 31.01.2024"],
    ["phones", "555-123-4567 (555) 123-4567 1-866-966-3116 555 123 4567 555.123.4567 +44 20 7946 0958"],
    ["ZIP codes", "Houston, TX 77022 and 77022-1234"],
    ["routing numbers", "Routing 217869636 067419841 ABA 125200387"],
    ["OMB numbers", "OMB No. 1545-0008"],
    ["ids glued to letters", "INV-2024-00123 A2018130 PO-12345678 Cat. No. 10134D"],
    ["short numbers", "Box 12a 1234 567 Suite 4270"],
    ["percentages and times", "6.2% 14:05:33 12:30"],
  ])("%s", (_label, text) => {
    expect(maskIdentifiers(text)).toBe(text);
  });

  it.each([
    ["phones", "(555) 123-4567 and 555-123-4567 and 1 800 555 1234"],
    ["dashed and spaced dates", "2024-01-31 01-31-2024 31-01-2024, 31 01 2024, 2024 01 31, 2024–01–31"],
    ["phones with typographic dashes", "555–123–4567"],
    ["money", "$1,234.56 $ 12 345 678 1 234 567,89 12 345,67"],
    ["ZIP+4", "Springfield, IL 12345-6789"],
    ["ABA routing numbers", "021000021 and Routing: 011000015"],
    ["short groups", "Page 12 of 34, items 12 34 56"],
  ])("leaves grouped %s alone", (_label, text) => {
    expect(maskIdentifiers(text)).toBe(text);
  });

  it("masks a routing-valid number when an SSN label precedes it", () => {
    expect(maskIdentifiers("SSN 021000021")).toBe("SSN ***-**-0021");
  });

  it("is idempotent", () => {
    const once = maskIdentifiers("SSN 360-31-8262 acct 688612413019 EIN 73-6950622");
    expect(maskIdentifiers(once)).toBe(once);
  });
});

describe("maskSsnShapes", () => {
  it("masks SSN-shaped numbers only", () => {
    expect(maskSsnShapes("ctl 360-31-8262 / 12-3456789 / 545121626")).toBe("ctl ***-**-8262 / 12-3456789 / 545121626");
  });
});

describe("maskAllButLast4", () => {
  it("keeps only the last four digits, whatever the shape", () => {
    expect(maskAllButLast4("360318262")).toBe("*****8262");
    expect(maskAllButLast4("A2018130")).toBe("A***8130");
    expect(maskAllButLast4("XXX-XX-8262")).toBe("XXX-XX-8262");
    expect(maskAllButLast4("12-3456789")).toBe("**-***6789");
  });
});
