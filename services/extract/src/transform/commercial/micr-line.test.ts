import { describe, expect, it } from "vitest";
import { looksLikeMicr, parseMicr } from "./micr-line.js";

describe("parseMicr", () => {
  it("reads a personal check line (routing, account, serial after)", () => {
    expect(parseMicr("⑆067419841⑆ 3722485124⑈ 388")).toEqual({
      routing: "067419841",
      routingValid: true,
      account: "3722485124",
      serial: "388",
      masked: "⑆067419841⑆ ******5124⑈ 388",
    });
  });

  it("reads a business check line (auxiliary serial first)", () => {
    const micr = parseMicr("⑈095888⑈ ⑆125200387⑆ 2704254406⑈");
    expect([micr.serial, micr.routing, micr.account]).toEqual(["095888", "125200387", "2704254406"]);
  });

  it("reads OCR renderings of the symbols", () => {
    expect(parseMicr("|:021000021|: 1234567890|| 0456").routing).toBe("021000021");
    const glued = parseMicr("10674198411: 37224851241 388");
    expect([glued.routing, glued.account, glued.serial]).toEqual(["067419841", "3722485124", "388"]);
  });

  it("uses the printed check number to tell the serial from the account", () => {
    expect(parseMicr("⑆021000021⑆ 1234⑈ 98765432", "1234").serial).toBe("1234");
  });

  it("recognises MICR lines", () => {
    expect(looksLikeMicr("C001234C A021000021A 1234567890C")).toBe(true);
    expect(looksLikeMicr("Two Thousand Eight Hundred")).toBe(false);
    expect(looksLikeMicr("Invoice 021000021")).toBe(false);
  });
});
