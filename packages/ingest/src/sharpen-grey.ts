import sharp from "sharp";

/** Gain for differences up to FLAT_LIMIT grey levels (noise, paper texture), and beyond (edges). */
const FLAT_GAIN = 1;
const EDGE_GAIN = 2;
const FLAT_LIMIT = 5;
/** Edges may be lightened and darkened at most this much, so strokes do not get halos. */
const MAX_LIGHTEN = 25;
const MAX_DARKEN = 50;

/**
 * Unsharp mask of raw 8-bit grey pixels: each pixel moves away from its Gaussian-blurred
 * neighbourhood, with libvips sharpen's shape (gain 1 on flat areas, 2 on edges, lightening
 * capped at 25 and darkening at 50 levels — its defaults, converted from L* to grey levels).
 * Written out because sharp's sharpen() converts to LAB and back to sRGB, which costs about
 * 0.3 s on a 2000 × 2300 page; the blur is still libvips.
 */
export async function sharpenGrey(pixels: Uint8Array, width: number, height: number, sigmaPx: number): Promise<Uint8Array> {
  const blurred = await sharp(pixels, { raw: { width, height, channels: 1 } }).blur(sigmaPx).toColourspace("b-w").raw().toBuffer();
  const out = new Uint8Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) {
    const value = pixels[i] as number;
    const difference = value - (blurred[i] as number);
    const magnitude = Math.abs(difference);
    let boost = magnitude <= FLAT_LIMIT ? magnitude * FLAT_GAIN : FLAT_LIMIT * FLAT_GAIN + (magnitude - FLAT_LIMIT) * EDGE_GAIN;
    boost = difference >= 0 ? Math.min(boost, MAX_LIGHTEN) : -Math.min(boost, MAX_DARKEN);
    out[i] = Math.min(255, Math.max(0, Math.round(value + boost)));
  }
  return out;
}
