import { describe, expect, it } from "vitest";
import { isValidAbaRouting } from "./aba.js";

describe("isValidAbaRouting", () => {
  it.each(["217869636", "067419841", "125200387", "111448881", "021000021", "011000015"])("accepts %s", (s) => {
    expect(isValidAbaRouting(s)).toBe(true);
  });

  it.each(["217869637", "000000000", "12345678", "1234567890", "21786963a", " 217869636", "545121626", "991000012"])(
    "rejects %j",
    (s) => {
      expect(isValidAbaRouting(s)).toBe(false);
    },
  );
});
