import { describe, expect, it } from "vitest";
import { removeFormRules } from "./remove-form-rules.js";

const W = 200;
const H = 120;

function canvas(): Uint8Array {
  return new Uint8Array(W * H).fill(250);
}

function fill(pixels: Uint8Array, x0: number, y0: number, x1: number, y1: number, value: number): void {
  for (let y = y0; y < y1; y++) pixels.fill(value, y * W + x0, y * W + x1);
}

const at = (pixels: Uint8Array, x: number, y: number): number => pixels[y * W + x] as number;
const options = { minLengthPx: 60, maxThicknessPx: 6 };

describe("removeFormRules", () => {
  it("whitens long thin rules and their soft edges but keeps text-sized marks", () => {
    const page = canvas();
    fill(page, 10, 60, 190, 62, 20); // horizontal rule, 2 px
    fill(page, 10, 59, 190, 60, 160); // its blurred upper edge
    fill(page, 120, 5, 123, 115, 30); // vertical rule, 3 px
    fill(page, 20, 40, 26, 52, 10); // a "letter" above the rule
    fill(page, 30, 63, 36, 75, 10); // a "letter" touching the rule from below
    const out = removeFormRules(page, W, H, options);
    expect(at(out, 50, 60)).toBe(255);
    expect(at(out, 50, 61)).toBe(255);
    expect(at(out, 50, 59)).toBe(255);
    expect(at(out, 121, 20)).toBe(255);
    expect(at(out, 121, 100)).toBe(255);
    expect(at(out, 22, 45)).toBe(10);
    expect(at(out, 33, 70)).toBe(10);
    expect(at(out, 5, 5)).toBe(250); // paper is untouched
    expect(page[60 * W + 50]).toBe(20); // the input is not modified
  });

  it("keeps filled areas: a dark bar is not a rule however long it is", () => {
    const page = canvas();
    fill(page, 10, 10, 190, 30, 30); // header bar, 20 px thick
    fill(page, 40, 15, 44, 25, 250); // light text inside it
    fill(page, 10, 90, 190, 92, 30); // a real rule
    const out = removeFormRules(page, W, H, options);
    expect(at(out, 100, 20)).toBe(30);
    expect(at(out, 42, 20)).toBe(250);
    expect(at(out, 100, 90)).toBe(255);
  });

  it("leaves short dark runs such as dashes and words alone", () => {
    const page = canvas();
    for (let x = 10; x < 190; x += 12) fill(page, x, 50, x + 8, 52, 20); // a dashed line
    fill(page, 10, 80, 60, 82, 20); // 50 px: shorter than minLengthPx
    const out = removeFormRules(page, W, H, options);
    expect(at(out, 14, 50)).toBe(20);
    expect(at(out, 30, 80)).toBe(20);
  });

  it("uses the given ink level instead of Otsu's", () => {
    const page = canvas();
    fill(page, 10, 60, 190, 62, 180); // a light grey rule
    expect(at(removeFormRules(page, W, H, { ...options, inkBelow: 200 }), 50, 60)).toBe(255);
    expect(at(removeFormRules(page, W, H, { ...options, inkBelow: 150 }), 50, 60)).toBe(180);
  });
});
