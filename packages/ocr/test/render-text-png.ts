import sharp from "sharp";

export interface TextRun {
  x: number;
  /** Baseline. */
  y: number;
  text: string;
  sizePx: number;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A white greyscale PNG with black DejaVu Sans text, rendered by sharp (librsvg). */
export async function renderTextPng(width: number, height: number, runs: TextRun[]): Promise<Buffer> {
  const texts = runs
    .map((r) => `<text x="${r.x}" y="${r.y}" font-family="DejaVu Sans" font-size="${r.sizePx}" fill="#000">${escapeXml(r.text)}</text>`)
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${texts}</svg>`;
  return sharp(Buffer.from(svg)).grayscale().png().toBuffer();
}
