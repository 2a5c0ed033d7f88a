import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import { definePDFJSModule } from "unpdf";

let ready: Promise<void> | undefined;

/**
 * Points unpdf at the pdfjs-dist 4.10.38 legacy build, once. unpdf's bundled pdf.js needs
 * ArrayBuffer.prototype.transfer (Node 22+); on Node 20 it renders pages without text and can
 * hang. The legacy build runs on Node 20 unpatched and ships the standard fonts and CMaps.
 */
export function loadPdfjs(): Promise<void> {
  ready ??= definePDFJSModule(() => import("pdfjs-dist/legacy/build/pdf.mjs")).catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

export interface PdfjsAssetPaths {
  standardFontDataUrl: string;
  cMapUrl: string;
}

let assets: PdfjsAssetPaths | undefined;

/**
 * Folders of pdfjs-dist's standard fonts and CMaps as plain paths ending in a separator.
 * unpdf passes file:// URL strings, but pdf.js 4.10 in Node reads them with
 * fs.readFile(string), which treats "file:///…" as a relative path and fails, so every
 * non-embedded font (Helvetica in most generated forms) would render as nothing.
 */
export function pdfjsAssetPaths(): PdfjsAssetPaths {
  if (!assets) {
    const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
    assets = { standardFontDataUrl: join(root, "standard_fonts") + sep, cMapUrl: join(root, "cmaps") + sep };
  }
  return assets;
}
