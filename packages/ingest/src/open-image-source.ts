import { Code, ConnectError } from "@connectrpc/connect";
import sharp, { type Metadata } from "sharp";
import { throwIfAborted } from "./abort-error.js";
import { readJfifDpi } from "./read-jfif-dpi.js";
import { pixelCapMessage, type SourcePages } from "./source-pages.js";
import type { PageFormat } from "./types.js";

type RasterFormat = Exclude<PageFormat, "pdf">;

function corrupt(): ConnectError {
  return new ConnectError("corrupt or truncated image", Code.InvalidArgument);
}

function decodeError(error: unknown, maxPixels: number): ConnectError {
  if (error instanceof Error && /pixel limit/i.test(error.message)) {
    return new ConnectError(`image exceeds the limit of ${maxPixels} pixels`, Code.ResourceExhausted);
  }
  return corrupt();
}

async function readMetadata(bytes: Buffer, page?: number): Promise<Metadata> {
  try {
    // Header-only read: no pixel limit needed here, the caller checks the size itself.
    return await sharp(bytes, { limitInputPixels: false, ...(page === undefined ? {} : { page }) }).metadata();
  } catch {
    throw corrupt();
  }
}

function densityOf(format: RasterFormat, bytes: Buffer, metadata: Metadata): number | undefined {
  if (format === "jpeg") return readJfifDpi(bytes) ?? (metadata.density !== 72 ? metadata.density : undefined);
  return metadata.density;
}

/**
 * Opens PNG / JPEG / WebP / TIFF bytes with sharp. Only headers are read here; pixels are decoded
 * in decodePage, always under sharp's limitInputPixels as a second guard behind checkPage.
 */
export async function openImageSource(bytes: Buffer, format: RasterFormat, maxPixelsPerPage: number): Promise<SourcePages> {
  const first = await readMetadata(bytes);
  const frames = first.pages ?? 1;
  // Multi-page TIFF is a document; an animated WebP is one page (its first frame).
  const pageCount = format === "tiff" ? frames : 1;
  const metadataCache = new Map<number, Metadata>([[0, first]]);

  async function metadataOf(localIndex: number): Promise<Metadata> {
    let metadata = metadataCache.get(localIndex);
    if (!metadata) {
      metadata = await readMetadata(bytes, localIndex);
      metadataCache.set(localIndex, metadata);
    }
    return metadata;
  }

  async function checkPage(localIndex: number): Promise<Metadata> {
    const metadata = await metadataOf(localIndex);
    const { width, height } = metadata.autoOrient ?? metadata;
    if (!width || !height) throw corrupt();
    if (width * height > maxPixelsPerPage) {
      throw new ConnectError(pixelCapMessage(width, height, maxPixelsPerPage), Code.ResourceExhausted);
    }
    return metadata;
  }

  return {
    format,
    pageCount,
    async checkPage(localIndex) {
      await checkPage(localIndex);
    },
    async decodePage(localIndex, signal) {
      throwIfAborted(signal, "decode");
      const metadata = await checkPage(localIndex);
      const dpi = densityOf(format, bytes, metadata);
      const input = { limitInputPixels: maxPixelsPerPage, failOn: "error" as const };
      const keepOriginal = format !== "tiff" && frames === 1 && (metadata.orientation ?? 1) === 1;
      try {
        if (keepOriginal) {
          // Full decode to catch truncation now (headers alone parse fine), but hand back the
          // original bytes so no quality is lost to re-encoding.
          await sharp(bytes, input).stats();
          throwIfAborted(signal, "decode");
          return { width: metadata.width, height: metadata.height, dpi, image: bytes };
        }
        let pipeline = sharp(bytes, { ...input, page: localIndex }).rotate();
        if (dpi !== undefined) pipeline = pipeline.withDensity(dpi);
        const { data, info } = await pipeline.png().toBuffer({ resolveWithObject: true });
        throwIfAborted(signal, "decode");
        return { width: info.width, height: info.height, dpi, image: data };
      } catch (error) {
        if (error instanceof ConnectError) throw error;
        throw decodeError(error, maxPixelsPerPage);
      }
    },
    async close() {},
  };
}
