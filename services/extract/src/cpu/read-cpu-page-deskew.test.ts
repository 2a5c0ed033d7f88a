import { create } from "@bufbuild/protobuf";
import { PageStatus, PromptMode } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import { NormalizedBoxSchema } from "@docproc/gen/docproc/v1/layout_pb.js";
import { type PageHandle, prepareForOcr } from "@docproc/ingest";
import type { OcrEngine, OcrPage } from "@docproc/ocr";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { readCpuPage } from "./read-cpu-page.js";

const WIDTH = 800;
const HEIGHT = 1000;
const MARKER = { x: 650, y: 850, side: 20 };
const TILT_DEG = 2;

/** A level 200 DPI page: long text lines at the top (what the skew estimate locks onto) and a marker square bottom right. */
async function levelPage(): Promise<Buffer> {
  const lines = Array.from(
    { length: 8 },
    (_, i) => `<text x="40" y="${120 + i * 40}" font-family="DejaVu Sans" font-size="22">Line ${i + 1} of the statement with amounts 1,234.56 and 789.00</text>`,
  ).join("");
  const marker = `<rect x="${MARKER.x - MARKER.side / 2}" y="${MARKER.y - MARKER.side / 2}" width="${MARKER.side}" height="${MARKER.side}" fill="#000"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><rect width="100%" height="100%" fill="#fff"/>${lines}${marker}</svg>`;
  return sharp(Buffer.from(svg)).flatten({ background: "#ffffff" }).png().toBuffer();
}

/** An OCR stand-in that reads one word, "MARK", over the dark blob in the lower right quarter of the image it gets. */
const markerOcr: OcrEngine = {
  id: "marker-ocr",
  workers: 1,
  async recognize(png): Promise<OcrPage> {
    const { data, info } = await sharp(png).toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let y = Math.floor(info.height * 0.6); y < info.height; y++) {
      for (let x = Math.floor(info.width / 2); x < info.width; x++) {
        if ((data[y * info.width + x] as number) >= 100) continue;
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x + 1);
        y1 = Math.max(y1, y + 1);
      }
    }
    const word = { text: "MARK", confidence: 0.9, bbox: { x0, y0, x1, y1 } };
    return { width: info.width, height: info.height, text: "MARK", lines: [{ text: "MARK", confidence: 0.9, bbox: word.bbox, words: [word] }] };
  },
  warmup: async () => {},
  close: async () => {},
};

describe("readCpuPage on a tilted page", () => {
  it("deskews for OCR and maps the word boxes back onto the tilted page", async () => {
    const tilted = await sharp(await levelPage()).rotate(TILT_DEG, { background: "#ffffff" }).png().toBuffer({ resolveWithObject: true });
    const { width, height } = tilted.info;
    const page: PageHandle = { index: 0, sourceIndex: 0, format: "png", decode: async () => ({ index: 0, width, height, dpi: 200, image: tilted.data }) };
    // Where the marker centre is on the tilted page: turned about the page centre, canvas grown around it.
    const r = (TILT_DEG * Math.PI) / 180;
    const dx = MARKER.x - WIDTH / 2;
    const dy = MARKER.y - HEIGHT / 2;
    const expected = { x: width / 2 + dx * Math.cos(r) - dy * Math.sin(r), y: height / 2 + dx * Math.sin(r) + dy * Math.cos(r) };

    const result = await readCpuPage(markerOcr, prepareForOcr, { page, mode: PromptMode.LAYOUT_ALL }, new AbortController().signal);
    expect(result).toMatchObject({ status: PageStatus.OK, width, height });
    const box = result.elements[0]?.pixelBox;
    expect(box).toBeDefined();
    const centre = { x: ((box?.xMin ?? 0) + (box?.xMax ?? 0)) / 2, y: ((box?.yMin ?? 0) + (box?.yMax ?? 0)) / 2 };
    expect(Math.hypot(centre.x - expected.x, centre.y - expected.y)).toBeLessThan(2);
    // The box holds the tilted square: its side plus the tilt, not much more.
    expect((box?.xMax ?? 0) - (box?.xMin ?? 0)).toBeGreaterThanOrEqual(MARKER.side);
    expect((box?.xMax ?? 0) - (box?.xMin ?? 0)).toBeLessThan(MARKER.side * 1.2);

    // Grounding selects words by where they are on the tilted page.
    const around = (fx: number, fy: number) =>
      create(NormalizedBoxSchema, { xMin: (fx - 6) / width, yMin: (fy - 6) / height, xMax: (fx + 6) / width, yMax: (fy + 6) / height });
    const signal = new AbortController().signal;
    const hit = await readCpuPage(markerOcr, prepareForOcr, { page, mode: PromptMode.GROUNDING_OCR, groundingBox: around(expected.x, expected.y) }, signal);
    expect(hit.elements.map((e) => e.text)).toEqual(["MARK"]);
    // Without the deskew turn the word would seem to sit here (≈ 15 px off); nothing is there on the page.
    const unturned = { x: MARKER.x + (width - WIDTH) / 2, y: MARKER.y + (height - HEIGHT) / 2 };
    const miss = await readCpuPage(markerOcr, prepareForOcr, { page, mode: PromptMode.GROUNDING_OCR, groundingBox: around(unturned.x, unturned.y) }, signal);
    expect(miss.elements).toEqual([]);
  });
});
