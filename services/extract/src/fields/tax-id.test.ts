import { TinType } from "@docproc/gen/docproc/v1/values_pb.js";
import { describe, expect, it } from "vitest";
import { parseTaxId } from "./tax-id.js";

const pick = (text: string, hint?: TinType) => {
  const t = parseTaxId(text, hint);
  return t && { type: t.type, last4: t.last4, masked: t.masked, truncated: t.truncatedOnDocument, valid: t.formatValid };
};

describe("parseTaxId", () => {
  it("reads full SSNs in every spacing", () => {
    for (const s of ["360-31-8262", "360 31 8262", "360 - 31 - 8262", "360318262", "SSN: 360-31-8262"]) {
      expect(pick(s)).toEqual({ type: TinType.SSN, last4: "8262", masked: "***-**-8262", truncated: false, valid: true });
    }
  });

  it("reads EINs", () => {
    expect(pick("73-6950622")).toEqual({ type: TinType.EIN, last4: "0622", masked: "**-***0622", truncated: false, valid: true });
    expect(pick("736950622", TinType.EIN)?.type).toBe(TinType.EIN);
  });

  it("reads truncated forms and marks them", () => {
    for (const s of ["XXX-XX-8262", "***-**-8262", "xxx-xx-8262", "•••-••-8262", "XXX XX 8262", "XXXXX8262"]) {
      expect(pick(s)).toEqual({ type: TinType.SSN, last4: "8262", masked: "***-**-8262", truncated: true, valid: true });
    }
    expect(pick("XX-XXX0622")).toMatchObject({ type: TinType.EIN, masked: "**-***0622", truncated: true });
    expect(pick("XXXXX0622", TinType.EIN)).toMatchObject({ type: TinType.EIN, masked: "**-***0622" });
  });

  it("recognises ITINs", () => {
    expect(pick("912-70-1234")).toMatchObject({ type: TinType.ITIN, masked: "***-**-1234", valid: true });
  });

  it("checks SSN area, group and serial", () => {
    for (const s of ["000-12-3456", "666-12-3456", "950-12-3456", "123-00-4567", "123-45-0000"]) expect(pick(s)?.valid).toBe(false);
    expect(pick("XXX-XX-0000")?.valid).toBe(false);
  });

  it("checks EIN prefixes", () => {
    expect(pick("07-1234567")?.valid).toBe(false);
    expect(pick("00-1234567")?.valid).toBe(false);
    expect(pick("98-1234567")?.valid).toBe(true);
  });

  it("never keeps the full digits", () => {
    expect(JSON.stringify(parseTaxId("360-31-8262"))).not.toMatch(/360|318/);
  });

  it("ignores text with no identifier", () => {
    for (const s of ["", "N/A", "1-866-966-3116", "12345678", "1234567890", "2024-01-31", "A123456789"]) expect(parseTaxId(s)).toBeUndefined();
  });
});
