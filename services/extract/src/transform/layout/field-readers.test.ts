import { CheckState, FieldStatus, TinType } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { page, text } from "../../../test-support/hand-layout.js";
import { dateToIso } from "../../fields/dates.js";
import { moneyToDecimal } from "../../fields/money.js";
import { createLayoutReader } from "../layout-reader.js";
import {
  parsePercent,
  readCheckboxField,
  readDateField,
  readIntField,
  readMaskedNumberField,
  readMoneyField,
  readPercentField,
  readTaxIdField,
  readTextField,
} from "./field-readers.js";
import type { LabelSpec } from "./label-search.js";

const SPECS: LabelSpec[] = [
  { key: "m", box: "5", synonyms: ["investment expenses"] },
  { key: "t", box: "7", synonyms: ["foreign country"] },
  { key: "tin", synonyms: ["recipient's tin"] },
  { key: "acct", synonyms: ["account number"] },
  { key: "d", box: "13", synonyms: ["date of payment"] },
  { key: "n", box: "9", synonyms: ["number of properties"] },
  { key: "p", box: "9a", synonyms: ["percentage of total distribution"] },
  { key: "c", synonyms: ["fatca filing requirement"] },
];

const reader = (...elements: ReturnType<typeof text>[]) => createLayoutReader([page(elements)], SPECS);

describe("typed field readers", () => {
  it("reads money: present, blank ($ only), illegible and not found", () => {
    const present = readMoneyField(reader(text("5 Investment expenses\n\n(1,234.50)", [0, 0, 0.3, 0.05])), "m");
    expect(present.value && moneyToDecimal(present.value)).toBe("-1234.50");
    expect(present.meta).toMatchObject({ status: FieldStatus.PRESENT, rawText: "(1,234.50)" });
    expect(readMoneyField(reader(text("5 Investment expenses\n\n$", [0, 0, 0.3, 0.05])), "m").meta?.status).toBe(FieldStatus.BLANK);
    expect(readMoneyField(reader(text("5 Investment expenses\n\n12/31/2024", [0, 0, 0.3, 0.05])), "m").meta?.status).toBe(FieldStatus.ILLEGIBLE);
    expect(readMoneyField(reader(text("nothing here", [0, 0, 0.3, 0.05])), "m").meta?.status).toBe(FieldStatus.NOT_FOUND);
  });

  it("reads text, TINs, account numbers, dates, integers and percentages", () => {
    const r = reader(
      text("7 Foreign country\n\nUnited Kingdom", [0, 0, 0.3, 0.05]),
      text("RECIPIENT'S TIN\n\n703-61-5061", [0, 0.1, 0.3, 0.15]),
      text("Account number\n\nending in 4821", [0, 0.2, 0.3, 0.25]),
      text("13 Date of payment\n\n03/15/2024", [0, 0.3, 0.3, 0.35]),
      text("9 Number of properties\n\n2", [0, 0.4, 0.3, 0.45]),
      text("9a Your percentage of total distribution\n\n12.50%", [0, 0.5, 0.3, 0.55]),
    );
    expect(readTextField(r, "t").value).toBe("United Kingdom");
    const tin = readTaxIdField(r, "tin", TinType.SSN);
    expect(tin.value).toMatchObject({ masked: "***-**-5061", truncatedOnDocument: false });
    expect(tin.meta?.rawText).toBe("***-**-5061");
    expect(readMaskedNumberField(r, "acct").value).toMatchObject({ last4: "4821", truncatedOnDocument: true });
    const date = readDateField(r, "d").value;
    expect(date && dateToIso(date)).toBe("2024-03-15");
    expect(readIntField(r, "n", { min: 1, max: 99 }).value).toBe(2n);
    expect(readPercentField(r, "p").value?.value).toBe("12.5");
  });

  it("keeps only the last four digits of identifiers in raw_text, even unusual or unreadable ones", () => {
    const r = reader(text("RECIPIENT'S TIN\n\n021000021", [0, 0, 0.3, 0.05]), text("Account number\n\nA2018130", [0, 0.1, 0.3, 0.15]));
    expect(readTaxIdField(r, "tin", TinType.SSN).meta?.rawText).toBe("*****0021");
    expect(readMaskedNumberField(r, "acct").meta?.rawText).toBe("A***8130");
    const bad = reader(text("RECIPIENT'S TIN\n\n0210 00021 7", [0, 0, 0.3, 0.05]));
    expect(readTaxIdField(bad, "tin", TinType.SSN).meta).toMatchObject({ status: FieldStatus.ILLEGIBLE, rawText: "**** **021 7" });
  });

  it("reads checkboxes", () => {
    expect(readCheckboxField(reader(text("FATCA filing requirement X", [0, 0, 0.3, 0.02])), "c").value).toBe(CheckState.CHECKED);
    expect(readCheckboxField(reader(text("FATCA filing requirement", [0, 0, 0.3, 0.02])), "c").value).toBe(CheckState.UNCHECKED);
    expect(readCheckboxField(reader(text("FATCA filing requirement ☒", [0, 0, 0.3, 0.02])), "c").value).toBe(CheckState.CHECKED);
    expect(readCheckboxField(reader(), "c").meta?.status).toBe(FieldStatus.NOT_FOUND);
  });

  it("parses percentages without trailing zeros", () => {
    expect(parsePercent("25%")).toEqual({ value: "25", raw: "25%" });
    expect(parsePercent("12.50 %")).toEqual({ value: "12.5", raw: "12.50 %" });
    expect(parsePercent("none")).toBeUndefined();
  });
});
