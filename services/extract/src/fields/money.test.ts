import { describe, expect, it } from "vitest";
import {
  addMoney,
  compareMoney,
  moneyFromDecimal,
  moneyFromNanos,
  moneyToDecimal,
  moneyToNanos,
  negateMoney,
  parseMoney,
} from "./money.js";

const dec = (s: string) => {
  const p = parseMoney(s);
  return p && { value: moneyToDecimal(p.value), negative: p.negative, marker: p.marker };
};

describe("parseMoney", () => {
  it.each([
    ["$ 117,636.28", "117636.28"],
    ["117636.28", "117636.28"],
    ["1,200", "1200.00"],
    ["$5", "5.00"],
    [".50", "0.50"],
    ["USD 10", "10.00"],
    ["10 USD", "10.00"],
    ["US$5", "5.00"],
    ["3.459", "3.459"],
    ["12,50", "12.50"],
    ["  $1,234,567.89  ", "1234567.89"],
  ])("reads %s as %s", (text, expected) => {
    expect(dec(text)).toEqual({ value: expected, negative: false, marker: undefined });
  });

  it.each([
    ["(12.50)", "-12.50"],
    ["45.12-", "-45.12"],
    ["-45.12", "-45.12"],
    ["−45.12", "-45.12"],
    ["$(1,234.00)", "-1234.00"],
    ["-$3.00", "-3.00"],
  ])("reads the negative form %s", (text, expected) => {
    expect(dec(text)?.value).toBe(expected);
    expect(dec(text)?.negative).toBe(true);
  });

  it("reads CR as negative and DR as positive, keeping the marker", () => {
    expect(dec("12.00 CR")).toEqual({ value: "-12.00", negative: true, marker: "CR" });
    expect(dec("12.00CR")).toEqual({ value: "-12.00", negative: true, marker: "CR" });
    expect(dec("12.00 DR")).toEqual({ value: "12.00", negative: false, marker: "DR" });
  });

  it.each([
    ["+$701.23", "701.23"],
    ["+ $701.23", "701.23"],
    ["+701.23", "701.23"],
    ["$+701.23", "701.23"],
  ])("reads the plus-signed form %s and reports the plus", (text, expected) => {
    expect(dec(text)).toEqual({ value: expected, negative: false, marker: undefined });
    expect(parseMoney(text)?.plus).toBe(true);
  });

  it("reports no plus for an unsigned amount", () => {
    expect(parseMoney("$701.23")?.plus).toBeUndefined();
  });

  it.each([
    ["1.234,56", "1234.56"],
    ["€1.234,56", "1234.56"],
    ["1.234.567,89", "1234567.89"],
    ["1 234,56", "1234.56"],
    ["12 345 678,90", "12345678.90"],
    ["(1.234,56)", "-1234.56"],
  ])("reads the European form %s", (text, expected) => {
    expect(dec(text)?.value).toBe(expected);
  });

  it.each(["1.234,5", "1.234,567", "12.34,56", "1 23,45", "1.234 567,89", "1,234,56", "+-5.00", "-+5.00", "+(5.00)"])("rejects the ambiguous or contradictory %j", (text) => {
    expect(parseMoney(text)).toBeUndefined();
  });

  it("keeps the US reading of a comma followed by three digits", () => {
    expect(dec("1,234")?.value).toBe("1234.00");
  });

  it("reads -0- as a non-negative zero", () => {
    expect(dec("-0-")).toEqual({ value: "0.00", negative: false, marker: undefined });
  });

  it.each(["$", "", "N/A", "01/31/2024", "2024-01-31", "5%", "8.25 %", "555-123-4567", "1,2345", "12a", "A2018130", "1.2.3", "$ 1 2", "EUR12.5.0"])(
    "rejects %j",
    (text) => {
      expect(parseMoney(text)).toBeUndefined();
    },
  );

  it("is exact for amounts floats cannot hold", () => {
    const p = parseMoney("90,071,992,547,409.93");
    expect(p && moneyToDecimal(p.value)).toBe("90071992547409.93");
  });

  it("keeps the currency", () => {
    expect(parseMoney("€ 12.00")?.value.currencyCode).toBe("EUR");
    expect(parseMoney("12.00")?.value.currencyCode).toBe("USD");
  });
});

describe("money helpers", () => {
  it("round-trips decimals", () => {
    for (const s of ["75000.00", "-45.12", "0.00", "3.459", "-0.05"]) expect(moneyToDecimal(moneyFromDecimal(s))).toBe(s);
    expect(moneyToDecimal(moneyFromDecimal("7"))).toBe("7.00");
  });

  it("keeps units and nanos the same sign", () => {
    const m = moneyFromDecimal("-45.12");
    expect(m.units).toBe(-45n);
    expect(m.nanos).toBe(-120_000_000);
  });

  it("rejects bad decimal strings", () => {
    expect(() => moneyFromDecimal("1,000.00")).toThrow(RangeError);
  });

  it("adds, negates and compares exactly", () => {
    const a = moneyFromDecimal("0.10");
    const b = moneyFromDecimal("0.20");
    expect(moneyToDecimal(addMoney(a, b))).toBe("0.30");
    expect(moneyToDecimal(addMoney())).toBe("0.00");
    expect(moneyToDecimal(negateMoney(a))).toBe("-0.10");
    expect(compareMoney(addMoney(a, b), moneyFromDecimal("0.30"))).toBe(0);
    expect(compareMoney(a, b)).toBe(-1);
    expect(compareMoney(b, negateMoney(b))).toBe(1);
    expect(moneyToNanos(moneyFromNanos(-1_500_000_001n))).toBe(-1_500_000_001n);
  });
});
