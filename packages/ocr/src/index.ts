export type { OcrBox, OcrEngine, OcrEngineOptions, OcrLine, OcrPage, OcrWord, PageSegmentation, RecognizeOptions } from "./types.js";
export { tesseractPsm } from "./tesseract-psm.js";
export { createOcrEngine } from "./create-ocr-engine.js";
export { createTesseractJsEngine, type TesseractJsEngineOptions } from "./tesseract-js-engine.js";
export { createTesseractCliEngine, type TesseractCliEngineOptions } from "./tesseract-cli-engine.js";
export { probeTesseractCli, type TesseractCliProbe } from "./probe-tesseract-cli.js";
export { parseTesseractTsv } from "./parse-tesseract-tsv.js";
export { layoutFromOcr } from "./layout/layout-from-ocr.js";
export { toOriginalPixels, toOriginalPoint, toOcrPoint, type OcrFrame, type Point } from "./ocr-frame.js";
