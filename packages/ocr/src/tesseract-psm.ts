import type { PageSegmentation } from "./types.js";

/** Tesseract's page segmentation mode (`--psm`, `tessedit_pageseg_mode`) for a segmentation. */
export function tesseractPsm(segmentation: PageSegmentation | undefined): "4" | "11" {
  return segmentation === "sparse-text" ? "11" : "4";
}
