import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./cli-args.js";
import { formatFields } from "./format-fields.js";

describe("parseCliArgs", () => {
  it("reads a command, an input and options", () => {
    expect(parseCliArgs(["extract", "w2.pdf", "--type", "W2", "--json"])).toEqual({
      command: "extract", input: "w2.pdf", json: true, documentType: "W2", promptMode: undefined,
    });
  });
  it("refuses extract without a type, unknown commands and options", () => {
    expect(() => parseCliArgs(["extract", "w2.pdf"])).toThrow(/--type/);
    expect(() => parseCliArgs(["frobnicate", "x"])).toThrow(/usage/);
    expect(() => parseCliArgs(["classify", "x", "--nope"])).toThrow(/unknown option/);
  });
});

describe("formatFields", () => {
  it("renders typed fields and skips the ones not found", () => {
    const lines = formatFields({
      box1: { value: { currency_code: "USD", units: "75000", nanos: 500000000 }, meta: { status: "FIELD_STATUS_PRESENT", confidence: 0.97, page_index: 0 } },
      box2: { meta: { status: "FIELD_STATUS_BLANK", confidence: 0.9 } },
      box3: { meta: { status: "FIELD_STATUS_NOT_FOUND" } },
      name: { value: "Sarah Okafor", meta: { status: "FIELD_STATUS_PRESENT", confidence: 0.8, page_index: 0 } },
      box13: { value: "CHECK_STATE_CHECKED", meta: { status: "FIELD_STATUS_PRESENT", confidence: 0.8, page_index: 0 } },
      lines: [{ amount: { value: { units: "-5", nanos: -250000000 }, meta: { status: "FIELD_STATUS_PRESENT", confidence: 0.5, page_index: 0 } }, meta: { status: "FIELD_STATUS_PRESENT" } }],
      ssn: { value: { type: "TIN_TYPE_SSN", last4: "6789", masked: "***-**-6789" }, meta: { status: "FIELD_STATUS_PRESENT", confidence: 0.9, page_index: 1 } },
    });
    expect(lines).toEqual([
      "box1: 75000.50 USD  (0.97, page 1)",
      "box2: (blank)",
      "name: Sarah Okafor  (0.80, page 1)",
      "box13: checked  (0.80, page 1)",
      "lines[0]:",
      "  amount: -5.25  (0.50, page 1)",
      "ssn: ***-**-6789  (0.90, page 2)",
    ]);
  });
});
