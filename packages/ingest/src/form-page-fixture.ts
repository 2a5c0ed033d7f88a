import sharp from "sharp";

// Test fixture for the deskew and OCR-preparation tests (not exported from the package).

/** Where the marker square of renderFormPage sits (its centre), in page pixels. */
export const MARKER_CENTER = { x: 1200, y: 180 };
const MARKER_SIDE_PX = 24;

/**
 * A letter-shaped 1275 × 1650 page (150 DPI) drawn like a tax form: ruled boxes with small
 * labels, larger values, a paragraph, and a solid square marker at MARKER_CENTER so tests can
 * follow a known point through resizing and deskewing. DejaVu Sans, rendered by sharp (librsvg).
 */
export async function renderFormPage(): Promise<Buffer> {
  const parts: string[] = ['<rect width="100%" height="100%" fill="#fff"/>'];
  const text = (x: number, y: number, size: number, value: string): void => {
    parts.push(`<text x="${x}" y="${y}" font-family="DejaVu Sans" font-size="${size}" fill="#000">${value}</text>`);
  };
  for (let row = 0; row < 8; row++) {
    const top = 260 + row * 110;
    parts.push(`<rect x="80" y="${top}" width="1100" height="110" fill="none" stroke="#000" stroke-width="2"/>`);
    parts.push(`<line x1="600" y1="${top}" x2="600" y2="${top + 110}" stroke="#000" stroke-width="2"/>`);
    text(92, top + 22, 14, `${row + 1} Payer's name, street address, city or town`);
    text(92, top + 70, 30, `Value ${row * 1234 + 567}.89 USD`);
    text(612, top + 22, 14, `${row + 9} Federal income tax withheld`);
    text(612, top + 70, 30, `$ ${row * 987 + 12},345.67`);
  }
  for (let line = 0; line < 6; line++) {
    text(80, 1260 + line * 34, 22, "This is important tax information and is being furnished to the IRS for your records");
  }
  const half = MARKER_SIDE_PX / 2;
  parts.push(`<rect x="${MARKER_CENTER.x - half}" y="${MARKER_CENTER.y - half}" width="${MARKER_SIDE_PX}" height="${MARKER_SIDE_PX}" fill="#000"/>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1275" height="1650">${parts.join("")}</svg>`;
  return sharp(Buffer.from(svg)).flatten({ background: "#ffffff" }).grayscale().png().toBuffer();
}

/** The page turned by `degrees` (clockwise positive) onto a grown white canvas, as a scanner feeding it askew would. */
export async function rotatePage(png: Buffer, degrees: number): Promise<{ png: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(png).rotate(degrees, { background: "#ffffff" }).grayscale().png().toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height };
}

/** Centroid of the dark pixels inside a window, in pixel-centre coordinates (x + 0.5). */
export async function darkCentroid(png: Buffer, window: { left: number; top: number; width: number; height: number }): Promise<{ x: number; y: number }> {
  const { data, info } = await sharp(png).extract(window).grayscale().raw().toBuffer({ resolveWithObject: true });
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if ((data[(y * info.width + x) * info.channels] as number) < 100) {
        sx += x + 0.5;
        sy += y + 0.5;
        n += 1;
      }
    }
  }
  if (n === 0) throw new Error("no dark pixels in the window");
  return { x: window.left + sx / n, y: window.top + sy / n };
}
