import { Code, ConnectError } from "@connectrpc/connect";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Width and height from the PNG IHDR chunk. Read by hand because it is 8 bytes at a
 * fixed offset; decoding the image with sharp just for its size would cost a full pass.
 */
export function readPngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString("latin1", 12, 16) !== "IHDR") {
    throw new ConnectError("OCR input is not a PNG image", Code.InvalidArgument);
  }
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  if (width === 0 || height === 0) throw new ConnectError("OCR input PNG has no pixels", Code.InvalidArgument);
  return { width, height };
}
