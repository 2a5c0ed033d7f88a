import { describe, expect, it } from "vitest";
import { addressToText, looksLikeStreetLine, parseAddress, splitNameAndAddress } from "./address.js";

const pick = (lines: string[]) => {
  const a = parseAddress(lines);
  return a && { lines: a.addressLines, city: a.locality, state: a.administrativeArea, zip: a.postalCode };
};

describe("parseAddress", () => {
  it("reads street lines and the city line", () => {
    expect(pick(["45 Highland Avenue", "Grand Rapids, MI 49562"])).toEqual({
      lines: ["45 Highland Avenue"],
      city: "Grand Rapids",
      state: "MI",
      zip: "49562",
    });
    expect(pick(["100 Main St", "Suite 5", "Austin TX 78701-1234"])).toEqual({
      lines: ["100 Main St", "Suite 5"],
      city: "Austin",
      state: "TX",
      zip: "78701-1234",
    });
  });

  it("splits a street and city printed on one line", () => {
    expect(pick(["21922 Fox Run Dr, Apt 35A Houston, TX 77022"])).toMatchObject({ lines: ["21922 Fox Run Dr, Apt 35A"], city: "Houston" });
    expect(pick(["485 Cedar Hollow Drive #28 Ann Arbor, MI 48131"])).toMatchObject({ lines: ["485 Cedar Hollow Drive #28"], city: "Ann Arbor" });
    expect(pick(["10571 Prospect Avenue, Suite 427 Boulder, CO 80397"])).toMatchObject({
      lines: ["10571 Prospect Avenue, Suite 427"],
      city: "Boulder",
    });
    expect(pick(["PO Box 12 Springfield, IL 62701"])).toMatchObject({ lines: ["PO Box 12"], city: "Springfield" });
    expect(pick(["12 Elm Street, Lake Forest Park, WA 98155"])).toMatchObject({ lines: ["12 Elm Street"], city: "Lake Forest Park" });
  });

  it("ignores a trailing country and rejects non-addresses", () => {
    expect(pick(["1 Main St", "Boise, ID 83702", "USA"])).toMatchObject({ city: "Boise", state: "ID" });
    expect(parseAddress(["Hello world"])).toBeUndefined();
    expect(parseAddress(["12 Main St", "Springfield, ZZ 12345"])).toBeUndefined();
  });

  it("prints back", () => {
    expect(addressToText(parseAddress(["45 Highland Avenue", "Grand Rapids, MI 49562"])!)).toBe("45 Highland Avenue\nGrand Rapids, MI 49562");
  });
});

describe("looksLikeStreetLine", () => {
  it("tells street lines from other lines starting with a number", () => {
    expect(looksLikeStreetLine("2024 Oak Street")).toBe(true);
    expect(looksLikeStreetLine("21922 Fox Run Dr, Apt 35A")).toBe(true);
    expect(looksLikeStreetLine("2024 Form W-2")).toBe(false);
    expect(looksLikeStreetLine("Oak Street")).toBe(false);
  });
});

describe("splitNameAndAddress", () => {
  it("splits name lines from address lines", () => {
    expect(splitNameAndAddress(["Copperfield Design Studio LLP", "45 Highland Avenue", "Grand Rapids, MI 49562"])).toEqual({
      nameLines: ["Copperfield Design Studio LLP"],
      addressLines: ["45 Highland Avenue", "Grand Rapids, MI 49562"],
    });
  });

  it("splits a one-line block at the street number", () => {
    expect(splitNameAndAddress(["Pinecrest Health Partners Inc 21922 Fox Run Dr, Apt 35A Houston, TX 77022"])).toEqual({
      nameLines: ["Pinecrest Health Partners Inc"],
      addressLines: ["21922 Fox Run Dr, Apt 35A Houston, TX 77022"],
    });
    expect(splitNameAndAddress(["Acme 24 LLC 5 Oak Rd Reno, NV 89501"]).nameLines).toEqual(["Acme 24 LLC"]);
    expect(splitNameAndAddress(["Jane Roe PO Box 7 Reno, NV 89501"]).nameLines).toEqual(["Jane Roe"]);
  });
});
