export type {
  DecodedPage,
  IngestOptions,
  LoadedDocument,
  PageFormat,
  PageHandle,
  PageLoader,
  PageRangeInput,
  SourceInput,
} from "./types.js";
export { createPageLoader } from "./create-page-loader.js";
export { createSafeFetcher, type SafeFetcher, type SafeFetcherOptions } from "./create-safe-fetcher.js";
export { isForbiddenAddress, forbiddenAddressReason } from "./is-forbidden-address.js";
export type { HostLookup } from "./resolve-allowed-address.js";
export { parseDataUrl } from "./parse-data-url.js";
export { sniffFormat } from "./sniff-format.js";
export { smartResize, roundHalfEven, type SmartResizeOptions } from "./smart-resize.js";
export { pdfRenderSize, PDF_MAX_SIDE_PX, PDF_FALLBACK_DPI, type PdfRenderSize } from "./pdf-render-size.js";
export { prepareForDotsOcr } from "./prepare-for-dots-ocr.js";
export { prepareForClassifier, CLASSIFIER_MAX_PIXELS } from "./prepare-for-classifier.js";
export { prepareForOcr, ocrUpscaleFactor } from "./prepare-for-ocr.js";
