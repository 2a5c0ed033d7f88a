import { LayoutCategory } from "@docproc/gen/docproc/v1/layout_pb.js";
import { describe, expect, it } from "vitest";
import { ocrLine, ocrPage, phrase } from "../../test/ocr-page-builder.js";
import { layoutFromOcr } from "./layout-from-ocr.js";

const FRAME = { originalWidth: 1700, originalHeight: 2200, scale: 1 };
const LABEL = 14;
const VALUE = 24;

describe("layoutFromOcr: forms", () => {
  it("keeps each box's label and the value under it together, two columns read row by row", () => {
    const page = ocrPage(1700, 2200, [
      // Tesseract joins the two columns of a row into one line.
      ocrLine(100, LABEL, [...phrase(100, "a Employee's social security number", LABEL), ...phrase(900, "1 Wages, tips, other compensation", LABEL)]),
      ocrLine(124, VALUE, [[100, "123-45-6789"], [900, "75000.00"]]),
      ocrLine(176, LABEL, [...phrase(100, "b Employer identification number (EIN)", LABEL), ...phrase(900, "2 Federal income tax withheld", LABEL)]),
      ocrLine(200, VALUE, [[100, "12-3456789"], [900, "9000.00"]]),
    ]);
    const elements = layoutFromOcr(page, FRAME);
    expect(elements.map((e) => e.text)).toEqual([
      "a Employee's social security number\n123-45-6789",
      "1 Wages, tips, other compensation\n75000.00",
      "b Employer identification number (EIN)\n12-3456789",
      "2 Federal income tax withheld\n9000.00",
    ]);
    expect(elements.every((e) => e.category === LayoutCategory.TEXT && e.rawCategory === "Text")).toBe(true);
  });

  it("stacks a multi-line value (an address) under its label and starts a new block at the next label", () => {
    const page = ocrPage(1700, 2200, [
      ocrLine(100, LABEL, phrase(100, "c Employer's name, address, and ZIP code", LABEL)),
      ocrLine(122, VALUE, phrase(100, "Pinecrest Health Partners Inc", VALUE)),
      ocrLine(152, VALUE, phrase(100, "21922 Fox Run Dr, Apt 35A", VALUE)),
      ocrLine(182, VALUE, phrase(100, "Houston, TX 77022", VALUE)),
      ocrLine(224, LABEL, phrase(100, "d Control number", LABEL)),
      ocrLine(246, VALUE, [[100, "80193"]]),
    ]);
    expect(layoutFromOcr(page, FRAME).map((e) => e.text)).toEqual([
      "c Employer's name, address, and ZIP code\nPinecrest Health Partners Inc\n21922 Fox Run Dr, Apt 35A\nHouston, TX 77022",
      "d Control number\n80193",
    ]);
  });

  it("keeps side-by-side blocks apart and reads them left to right", () => {
    const page = ocrPage(1700, 2200, [
      ocrLine(300, 20, [...phrase(100, "Bill To", 20), ...phrase(650, "Ship To", 20)]),
      ocrLine(328, 20, [...phrase(100, "Ironwood Foods LLP", 20), ...phrase(650, "Ironwood Foods LLP", 20)]),
      ocrLine(356, 20, [...phrase(100, "16112 Pine Street", 20), ...phrase(650, "82 Elm Drive", 20)]),
      ocrLine(384, 20, [...phrase(100, "Boston, MA 02159", 20), ...phrase(650, "Worcester, MA 01662", 20)]),
    ]);
    const elements = layoutFromOcr(page, FRAME);
    expect(elements.map((e) => e.text)).toEqual([
      "Bill To\nIronwood Foods LLP\n16112 Pine Street\nBoston, MA 02159",
      "Ship To\nIronwood Foods LLP\n82 Elm Drive\nWorcester, MA 01662",
    ]);
    expect(elements.map((e) => e.category)).toEqual([LayoutCategory.TEXT, LayoutCategory.TEXT]);
  });

  it("marks a large short line as the title and a footer line at the bottom of the page", () => {
    const page = ocrPage(1700, 2200, [
      ocrLine(80, 48, phrase(600, "WELLSPRING DRUG", 48)),
      ocrLine(200, 20, phrase(100, "Thank you for shopping with us today and every day", 20)),
      ocrLine(230, 20, phrase(100, "Returns accepted within thirty days with a receipt", 20)),
      ocrLine(2130, 18, phrase(100, "Member FDIC", 18)),
    ]);
    const elements = layoutFromOcr(page, FRAME);
    expect(elements.map((e) => [e.category, e.rawCategory, e.text])).toEqual([
      [LayoutCategory.TITLE, "Title", "WELLSPRING DRUG"],
      [LayoutCategory.TEXT, "Text", "Thank you for shopping with us today and every day\nReturns accepted within thirty days with a receipt"],
      [LayoutCategory.PAGE_FOOTER, "Page-footer", "Member FDIC"],
    ]);
  });

  it("maps boxes back to original page pixels and fractions, with the mean word confidence", () => {
    const page = ocrPage(3400, 4400, [ocrLine(200, 40, [[200, "Total"], [320, "due"]], 0.8)]);
    page.lines[0]!.words[1]!.confidence = 0.6;
    const [element] = layoutFromOcr(page, { originalWidth: 1700, originalHeight: 2200, scale: 2 });
    const word = page.lines[0]!.words[0]!.bbox;
    expect(element?.pixelBox).toMatchObject({ xMin: 100, yMin: Math.floor(word.y0 / 2), xMax: Math.ceil(page.lines[0]!.bbox.x1 / 2) });
    expect(element?.box?.xMin).toBeCloseTo(100 / 1700, 5);
    expect(element?.box?.yMin).toBeCloseTo(Math.floor(word.y0 / 2) / 2200, 5);
    expect(element?.confidence).toBeCloseTo(0.7, 5);
  });

  it("drops rule lines and specks and returns nothing for an empty page", () => {
    expect(layoutFromOcr(ocrPage(1700, 2200, []), FRAME)).toEqual([]);
    const noise = ocrLine(100, 20, [[100, "|"], [300, "."]], 0.2);
    expect(layoutFromOcr(ocrPage(1700, 2200, [noise]), FRAME)).toEqual([]);
  });
});
