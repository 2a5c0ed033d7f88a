import { readFile } from "node:fs/promises";
import { LayoutCategory } from "@docproc/gen/docproc/v1/layout_pb.js";
import { afterAll, describe, expect, it } from "vitest";
import { createTesseractJsEngine } from "../tesseract-js-engine.js";
import { layoutFromOcr } from "./layout-from-ocr.js";

/** Crops of two synthetic corpus pages (200 DPI), read by real tesseract.js. */
const fixture = (name: string): Promise<Buffer> => readFile(new URL(`../../test-fixtures/${name}`, import.meta.url));
const ocr = createTesseractJsEngine({ workers: 1 });

afterAll(async () => {
  await ocr.close();
});

async function layoutOf(name: string) {
  const page = await ocr.recognize(await fixture(name));
  return layoutFromOcr(page, { originalWidth: page.width, originalHeight: page.height, scale: 1 });
}

describe("layoutFromOcr on real Tesseract output", () => {
  it("W-2 boxes: every label carries the value printed under it", async () => {
    const elements = await layoutOf("w2-boxes-crop.png");
    const texts = elements.map((e) => e.text);
    const block = (label: string): string | undefined => texts.find((t) => t.includes(label));
    expect(block("social security number")).toMatch(/social security number\n575-14-3487$/);
    expect(block("identification number")).toMatch(/\(EIN\)\n45-5095292$/);
    expect(block("Wages, tips, other compensation")).toMatch(/compensation\n111750\.71$/);
    expect(block("Federal income tax withheld")).toMatch(/withheld\n18294\.32$/);
    expect(block("Employer's name")).toMatch(/ZIP code\.?\nCopperfield Design Studio LLP\n45 Highland Avenue\nGrand Rapids, MI 49562$/);
    expect(block("Medicare tax withheld")).toMatch(/withheld\n1620\.39$/);
    expect(elements.some((e) => e.category === LayoutCategory.TABLE)).toBe(false);
  });

  it("receipt: item lines and totals become tables with the price column", async () => {
    const elements = await layoutOf("receipt-items-crop.png");
    const tables = elements.filter((e) => e.category === LayoutCategory.TABLE);
    expect(tables.length).toBeGreaterThanOrEqual(1);
    const rows = tables.flatMap((t) => t.table?.rows.map((r) => r.cells.map((c) => c.text)) ?? []);
    expect(rows).toContainEqual(["ALLERGY RELIEF 30CT T", "15.48"]);
    expect(rows).toContainEqual(["COUGH DROPS", "11.55"]);
    expect(rows).toContainEqual(["TOTAL", "160.58"]);
    expect(rows).toContainEqual(["CHANGE", "4.42"]);
    expect(tables[0]?.text).toContain("<td>15.48</td>");
  });
});
