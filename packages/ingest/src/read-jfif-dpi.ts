/**
 * Reads the density from a JPEG's JFIF APP0 segment. Hand-written because sharp reports 72 DPI
 * for any JPEG without a density (a libvips default), which would make a 200 DPI scan look like
 * a 72 DPI one. Returns undefined when there is no JFIF segment or its density has no unit.
 */
export function readJfifDpi(bytes: Uint8Array): number | undefined {
  // SOI (FFD8), then APP0 (FFE0) with length, "JFIF\0", version(2), units(1), Xdensity(2), Ydensity(2).
  if (bytes.length < 18 || bytes[2] !== 0xff || bytes[3] !== 0xe0) return undefined;
  const id = String.fromCharCode(...bytes.subarray(6, 11));
  if (id !== "JFIF\0") return undefined;
  const units = bytes[13];
  const xDensity = ((bytes[14] as number) << 8) | (bytes[15] as number);
  if (xDensity === 0) return undefined;
  if (units === 1) return xDensity;
  if (units === 2) return Math.round(xDensity * 2.54);
  return undefined;
}
