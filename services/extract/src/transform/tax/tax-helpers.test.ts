import { describe, expect, it } from "vitest";
import { moneyToDecimal } from "../../fields/money.js";
import { takePhone } from "./party-block.js";
import { splitDistributionCodes } from "./r-codes.js";
import { splitStateAndId } from "./state-lines.js";
import { box12Pairs } from "./w2-box12.js";

describe("takePhone", () => {
  it("takes a phone line or a trailing phone off a block", () => {
    expect(takePhone(["Bank", "1 Main St", "Austin, TX 78701", "(739) 695-3123"])).toEqual({ rest: ["Bank", "1 Main St", "Austin, TX 78701"], phone: "(739) 695-3123" });
    expect(takePhone(["Bank 1 Main St Austin, TX 78701 1-866-966-3116"])).toEqual({ rest: ["Bank 1 Main St Austin, TX 78701"], phone: "1-866-966-3116" });
    expect(takePhone(["Tel: 343 - 347 - 1843"]).phone).toBe("343-347-1843");
    expect(takePhone(["Bank", "Austin, TX 78701-1234"])).toEqual({ rest: ["Bank", "Austin, TX 78701-1234"] });
  });
});

describe("splitStateAndId", () => {
  it("splits a state code from the state id", () => {
    expect(splitStateAndId("IN 67-894794")).toEqual({ state: "IN", id: "67-894794" });
    expect(splitStateAndId("or/06573163")).toEqual({ state: "OR", id: "06573163" });
    expect(splitStateAndId("ZZ 123")).toBeUndefined();
  });
});

describe("splitDistributionCodes", () => {
  it("reads one or two 1099-R codes", () => {
    expect(splitDistributionCodes("7")).toEqual(["7"]);
    expect(splitDistributionCodes("7D")).toEqual(["7", "D"]);
    expect(splitDistributionCodes("4, G")).toEqual(["4", "G"]);
    expect(splitDistributionCodes("ZZ")).toBeUndefined();
    expect(splitDistributionCodes("123")).toBeUndefined();
  });
});

describe("box12Pairs", () => {
  it("pairs each amount with the code before it", () => {
    const pairs = box12Pairs("AA 6,660.11 Code DD | $15,686.10");
    expect(pairs.map((p) => [p.code, p.amountRaw, moneyToDecimal(p.amount)])).toEqual([
      ["AA", "6,660.11", "6660.11"],
      ["DD", "$15,686.10", "15686.10"],
    ]);
    expect(box12Pairs("4357.20").map((p) => p.code)).toEqual([""]);
  });
});
