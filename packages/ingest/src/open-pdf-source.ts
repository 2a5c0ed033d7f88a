import { Code, ConnectError } from "@connectrpc/connect";
import { createCanvas } from "@napi-rs/canvas";
import sharp from "sharp";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { getDocumentProxy } from "unpdf";
import { abortError, raceAbort, throwIfAborted } from "./abort-error.js";
import { loadPdfjs, pdfjsAssetPaths } from "./load-pdfjs.js";
import { pdfRenderSize, type PdfRenderSize } from "./pdf-render-size.js";
import { pixelCapMessage, type SourcePages } from "./source-pages.js";

export interface PdfSourceOptions {
  dpi: number;
  maxPixelsPerPage: number;
}

function openError(error: unknown): ConnectError {
  const name = error instanceof Error ? error.name : "";
  if (name === "PasswordException") return new ConnectError("PDF is encrypted (password required)", Code.InvalidArgument);
  return new ConnectError("corrupt or unreadable PDF", Code.InvalidArgument);
}

/**
 * Opens a PDF with unpdf + pdf.js (legacy build) and rasterises pages on demand with
 * @napi-rs/canvas. Nothing is rendered until decodePage; close() destroys the pdf.js document.
 */
export async function openPdfSource(bytes: Buffer, opts: PdfSourceOptions, signal?: AbortSignal): Promise<SourcePages> {
  await loadPdfjs();
  throwIfAborted(signal, "load");
  // pdf.js may take ownership of the array it is given, so it gets its own copy.
  // unpdf's typings describe pdf.js 5; at run time this is the 4.10.38 legacy build's proxy.
  const opening = getDocumentProxy(new Uint8Array(bytes), {
    verbosity: 0,
    isEvalSupported: false,
    // unpdf turns system fonts on, which in Node means a non-embedded font (Helvetica, Times,
    // common in generated tax forms) is drawn as nothing. Off, pdf.js uses the standard font
    // data shipped in pdfjs-dist.
    useSystemFonts: false,
    ...pdfjsAssetPaths(),
    cMapPacked: true,
    // Embedded images above the page pixel cap are skipped (a bomb hidden inside the PDF).
    maxImageSize: opts.maxPixelsPerPage,
  }) as unknown as Promise<PDFDocumentProxy>;
  let pdf: PDFDocumentProxy;
  try {
    pdf = await raceAbort(opening, signal, "load");
  } catch (error) {
    if (signal?.aborted) {
      // Opening goes on in pdf.js; release the document whenever it arrives.
      opening.then((late) => late.destroy()).catch(() => undefined);
      throw abortError(signal, "load");
    }
    throw openError(error);
  }

  const sizes = new Map<number, PdfRenderSize>();
  let closed = false;

  async function sizeOf(localIndex: number): Promise<PdfRenderSize> {
    let size = sizes.get(localIndex);
    if (!size) {
      const page = await pdf.getPage(localIndex + 1).catch(() => {
        throw new ConnectError("corrupt PDF page", Code.InvalidArgument);
      });
      const viewport = page.getViewport({ scale: 1 });
      size = pdfRenderSize(viewport.width, viewport.height, opts.dpi);
      sizes.set(localIndex, size);
    }
    if (size.width * size.height > opts.maxPixelsPerPage) {
      throw new ConnectError(pixelCapMessage(size.width, size.height, opts.maxPixelsPerPage), Code.ResourceExhausted);
    }
    return size;
  }

  return {
    format: "pdf",
    pageCount: pdf.numPages,
    async checkPage(localIndex) {
      await sizeOf(localIndex);
    },
    async decodePage(localIndex, decodeSignal) {
      if (closed) throw new ConnectError("document is closed", Code.FailedPrecondition);
      throwIfAborted(decodeSignal, "decode");
      const size = await sizeOf(localIndex);
      const page = await pdf.getPage(localIndex + 1);
      const viewport = page.getViewport({ scale: size.dpi / 72 });
      const canvas = createCanvas(size.width, size.height);
      const task = page.render({
        canvasContext: canvas.getContext("2d"),
        viewport,
      });
      const onAbort = (): void => task.cancel();
      decodeSignal?.addEventListener("abort", onAbort, { once: true });
      try {
        await task.promise;
      } catch {
        if (decodeSignal?.aborted) throw abortError(decodeSignal, "decode");
        throw new ConnectError("PDF page could not be rendered", Code.InvalidArgument);
      } finally {
        decodeSignal?.removeEventListener("abort", onAbort);
        page.cleanup();
      }
      // pdf.js paints an opaque white background first, so dropping alpha loses nothing.
      const image = await sharp(canvas.data(), { raw: { width: size.width, height: size.height, channels: 4 } })
        .removeAlpha()
        .withDensity(size.dpi)
        .png()
        .toBuffer();
      canvas.width = 0;
      return { width: size.width, height: size.height, dpi: size.dpi, image };
    },
    async close() {
      if (closed) return;
      closed = true;
      await pdf.destroy();
    },
  };
}
