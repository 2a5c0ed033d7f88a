import { describe, expect, it } from "vitest";
import { findAmounts } from "./find-amounts.js";
import { moneyToDecimal } from "./money.js";

const amounts = (text: string) => findAmounts(text).map((a) => [a.raw, moneyToDecimal(a.value)]);

describe("findAmounts", () => {
  it("finds amounts in order with their printed form", () => {
    expect(amounts("Total: $1,234.56 and another $500")).toEqual([
      ["$1,234.56", "1234.56"],
      ["$500", "500.00"],
    ]);
  });

  it("joins a detached $ and a CR marker to the amount", () => {
    // The box number is a bare integer, returned with hasCents false: callers decide.
    expect(amounts("1 Wages, tips, other compensation $ 117,636.28")).toEqual([
      ["1", "1.00"],
      ["$ 117,636.28", "117636.28"],
    ]);
    expect(amounts("Payment 45.00 CR")).toEqual([["45.00 CR", "-45.00"]]);
  });

  it("reads negative notations", () => {
    expect(amounts("(12.50) 45.12- -3.00")).toEqual([
      ["(12.50)", "-12.50"],
      ["45.12-", "-45.12"],
      ["-3.00", "-3.00"],
    ]);
  });

  it("skips dates, percentages, box ids and ids glued to letters", () => {
    expect(amounts("01/31/2024 5% 2b A2018130 555-123-4567 AA 6,660.11")).toEqual([["6,660.11", "6660.11"]]);
  });

  it("skips rates printed with a detached percent sign", () => {
    expect(amounts("$ 500.00 12.50 % and 3 percent")).toEqual([["$ 500.00", "500.00"]]);
  });

  it("marks cents and symbols", () => {
    const [a, b] = findAmounts("$5 12.50");
    expect(a).toMatchObject({ hasSymbol: true, hasCents: false, start: 0, end: 2 });
    expect(b).toMatchObject({ hasSymbol: false, hasCents: true, start: 3, end: 8 });
  });

  it("reads a plus-signed amount with its sign", () => {
    expect(amounts("Payments +$701.23 and + $5.00")).toEqual([
      ["+$701.23", "701.23"],
      ["+ $5.00", "5.00"],
    ]);
    expect(findAmounts("Payments +$701.23")[0]).toMatchObject({ plus: true, hasSymbol: true, hasCents: true });
  });

  it("reads European separators and marks decimal-comma cents", () => {
    expect(amounts("Gesamtbetrag €1.234,56 MwSt 19,00")).toEqual([
      ["€1.234,56", "1234.56"],
      ["19,00", "19.00"],
    ]);
    expect(findAmounts("1.234,56")[0]).toMatchObject({ hasCents: true });
    expect(findAmounts("1,234")[0]).toMatchObject({ hasCents: false });
  });

  it("drops trailing punctuation", () => {
    expect(amounts("paid 1,234.56, then 7.")).toEqual([
      ["1,234.56", "1234.56"],
      ["7", "7.00"],
    ]);
  });
});
