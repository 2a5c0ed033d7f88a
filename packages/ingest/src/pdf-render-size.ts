/** dots.ocr re-renders at 72 DPI when a side would pass this many pixels (load_images_from_pdf). */
export const PDF_MAX_SIDE_PX = 4500;
export const PDF_FALLBACK_DPI = 72;

export interface PdfRenderSize {
  dpi: number;
  width: number;
  height: number;
}

/** Raster size of a page of `widthPt` x `heightPt` points (1/72 in) at `dpi`, with the 4500 px rule. */
export function pdfRenderSize(widthPt: number, heightPt: number, dpi: number): PdfRenderSize {
  const at = (d: number): PdfRenderSize => ({
    dpi: d,
    width: Math.max(1, Math.round((widthPt * d) / 72)),
    height: Math.max(1, Math.round((heightPt * d) / 72)),
  });
  const size = at(dpi);
  if (size.width > PDF_MAX_SIDE_PX || size.height > PDF_MAX_SIDE_PX) return at(PDF_FALLBACK_DPI);
  return size;
}
