import sharp from "sharp";

/**
 * A synthetic page image: white, with dark bars where lines of text would
 * be (an SVG rendered by sharp, so no fonts are needed). Content does not
 * matter to the fake models; a non-blank page keeps the image pipeline
 * (decode, resize, PNG encode) doing realistic work. `seed` shifts the
 * bars so pages of one document differ.
 */
export async function renderTestPagePng(options: { width: number; height: number; seed?: number }): Promise<Buffer> {
  const { width, height } = options;
  const seed = options.seed ?? 0;
  const lineHeight = Math.max(12, Math.round(height / 60));
  const bars: string[] = [];
  for (let y = lineHeight * 2, i = 0; y < height - lineHeight * 2; y += lineHeight * 2, i += 1) {
    const length = Math.round(width * (0.3 + (((i * 37 + seed * 11) % 50) / 100)));
    bars.push(`<rect x="${Math.round(width * 0.08)}" y="${y}" width="${length}" height="${Math.round(lineHeight * 0.7)}" fill="#222"/>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${bars.join("")}</svg>`;
  return sharp(Buffer.from(svg)).flatten({ background: "#ffffff" }).toColourspace("b-w").withDensity(200).png().toBuffer();
}
