import { describe, expect, it } from "vitest";
import { formatTable } from "./text-table.js";

describe("formatTable", () => {
  it("left-aligns the first column, right-aligns the others and rules the header", () => {
    expect(formatTable(["name", "n"], [["a", 1], ["bbb", 22]]).split("\n")).toEqual(["  name   n", "  ----  --", "  a      1", "  bbb   22"]);
  });
});
