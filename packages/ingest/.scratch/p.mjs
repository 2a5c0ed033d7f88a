import { definePDFJSModule, getDocumentProxy } from "unpdf";
import { createCanvas } from "@napi-rs/canvas";
import { readFileSync } from "node:fs";
await definePDFJSModule(() => import("pdfjs-dist/legacy/build/pdf.mjs"));
const data = new Uint8Array(readFileSync(process.argv[2]));
const t0 = Date.now();
const pdf = await getDocumentProxy(data);
console.log("pages", pdf.numPages, Date.now()-t0);
for (let i=1;i<=pdf.numPages;i++){
  const page = await pdf.getPage(i);
  const vp = page.getViewport({scale: 200/72});
  console.log(vp.width, vp.height);
  const canvas = createCanvas(Math.round(vp.width), Math.round(vp.height));
  const ctx = canvas.getContext("2d");
  ctx.fillStyle="white"; ctx.fillRect(0,0,canvas.width,canvas.height);
  await page.render({canvasContext: ctx, viewport: vp}).promise;
  const png = await canvas.encode("png");
  console.log("page", i, png.length, Date.now()-t0);
  page.cleanup();
}
await pdf.destroy();
