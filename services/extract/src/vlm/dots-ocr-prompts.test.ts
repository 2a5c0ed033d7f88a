import { createHash } from "node:crypto";
import { PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { describe, expect, it } from "vitest";
import { DOTS_OCR_PROMPTS, dotsOcrPrompt, effectivePromptMode } from "./dots-ocr-prompts.js";

const sha256 = (s: string): string => createHash("sha256").update(s, "utf8").digest("hex");

describe("dots.ocr prompts", () => {
  // Values from model-serving.md §A2 (sha256 of the upstream strings).
  it.each([
    [PromptMode.LAYOUT_ALL, 888, "16ff71ac5d218f35e5b3db41240b6e70741498bc099db3fa922ce1ff972e3b2f"],
    [PromptMode.LAYOUT_ONLY, 422, "d10f3720942d901f61cd1c313a6ba8305ec5e9674c56907ea92f82ad0d5f5fbf"],
    [PromptMode.OCR, 41, "8ee4c4b75c200c7f8877e3344318a5bb2280f3878d42007b2c717b3c46a11865"],
    [PromptMode.GROUNDING_OCR, 96, "b18d62ea1e6619773144ba448c1f149ff694f9a8b673472b7706ae67c0f110a9"],
  ] as const)("mode %i is byte-exact", (mode, length, hash) => {
    expect(DOTS_OCR_PROMPTS[mode]).toHaveLength(length);
    expect(sha256(DOTS_OCR_PROMPTS[mode])).toBe(hash);
  });

  it("treats UNSPECIFIED as LAYOUT_ALL", () => {
    expect(effectivePromptMode(PromptMode.UNSPECIFIED)).toBe(PromptMode.LAYOUT_ALL);
    expect(dotsOcrPrompt(PromptMode.UNSPECIFIED)).toBe(DOTS_OCR_PROMPTS[PromptMode.LAYOUT_ALL]);
  });

  it("appends the grounding box as a Python list repr", () => {
    const prompt = dotsOcrPrompt(PromptMode.GROUNDING_OCR, [163, 241.9, 1536, 705]);
    expect(prompt).toBe(`${DOTS_OCR_PROMPTS[PromptMode.GROUNDING_OCR]}[163, 241, 1536, 705]`);
  });

  it("requires a box for grounding", () => {
    expect(() => dotsOcrPrompt(PromptMode.GROUNDING_OCR)).toThrow(/grounding_box/);
  });
});
