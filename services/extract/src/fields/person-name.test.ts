import { describe, expect, it } from "vitest";
import { parsePersonName } from "./person-name.js";

const pick = (text: string) => {
  const n = parsePersonName(text);
  return [n.first, n.middle, n.last, n.suffix];
};

describe("parsePersonName", () => {
  it.each([
    ["Maria Abernathy", ["Maria", "", "Abernathy", ""]],
    ["Kathleen R. Moore", ["Kathleen", "R", "Moore", ""]],
    ["John Quincy Adams", ["John", "Quincy", "Adams", ""]],
    ["John Smith Jr.", ["John", "", "Smith", "Jr."]],
    ["ANN B LEE III", ["ANN", "B", "LEE", "III"]],
    ["MOORE, KATHLEEN R", ["KATHLEEN", "R", "MOORE", ""]],
    ["Smith Jr, John", ["John", "", "Smith", "Jr"]],
    ["Smith, John A., Jr.", ["John", "A", "Smith", "Jr."]],
    ["Maria de la Cruz", ["Maria", "", "de la Cruz", ""]],
    ["Dr. Ann Lee", ["Ann", "", "Lee", ""]],
    ["Cher", ["", "", "Cher", ""]],
  ])("splits %s", (text, parts) => {
    expect(pick(text)).toEqual(parts);
  });

  it("keeps the printed name in full", () => {
    expect(parsePersonName("  Kathleen   R. Moore ").full).toBe("Kathleen R. Moore");
  });
});
