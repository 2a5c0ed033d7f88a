import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Code } from "@connectrpc/connect";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFakeTesseract as writeFake } from "../test/fake-tesseract-cli.js";
import { createOcrEngine } from "./create-ocr-engine.js";
import { probeTesseractCli } from "./probe-tesseract-cli.js";
import { createTesseractCliEngine } from "./tesseract-cli-engine.js";

const whitePng = (width: number, height: number): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: "#fff" } }).grayscale().png().toBuffer();

const written: string[] = [];
async function writeFakeTesseract(options?: Parameters<typeof writeFake>[0]): Promise<string> {
  const path = await writeFake(options);
  written.push(dirname(path));
  return path;
}

describe("tesseract CLI engine (fake binary)", () => {
  let binary: string;

  beforeAll(async () => {
    binary = await writeFakeTesseract();
  });

  afterAll(async () => {
    await Promise.all(written.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("probes the version and the English data", async () => {
    await expect(probeTesseractCli(binary)).resolves.toEqual({ version: "5.3.0" });
    await expect(probeTesseractCli("/nonexistent/tesseract")).resolves.toBeUndefined();
    await expect(probeTesseractCli(await writeFakeTesseract({ langs: ["deu"] }))).resolves.toBeUndefined();
    await expect(probeTesseractCli(await writeFakeTesseract({ version: "3.05.02" }))).resolves.toBeUndefined();
  });

  it("runs tesseract with PSM 4 and OMP_THREAD_LIMIT=1 and maps the TSV", async () => {
    const engine = createTesseractCliEngine({ binary, version: "5.3.0", workers: 2, env: { PATH: "/usr/bin:/bin" } });
    expect(engine.id).toBe("tesseract-cli-5.3.0");
    const page = await engine.recognize(await whitePng(800, 300));
    expect(page.width).toBe(800);
    expect(page.lines.map((l) => l.text)).toEqual(["Invoice No. INV-1042", "Total $1,234.56"]);
    expect(page.text).toBe("Invoice No. INV-1042\n\nTotal $1,234.56");
    expect(page.lines[1]?.words[1]).toEqual({ text: "$1,234.56", confidence: 0.93, bbox: { x0: 150, y0: 190, x1: 310, y1: 226 } });
    expect(page.lines[0]?.bbox).toEqual({ x0: 40, y0: 72, x1: 400, y1: 102 });
    await engine.close();
    await expect(engine.recognize(await whitePng(8, 8))).rejects.toMatchObject({ code: Code.Unavailable });
  });

  it("passes --psm 11 for sparse-text segmentation and 4 otherwise", async () => {
    // A stand-in that answers with one word: the --psm value it was given.
    const dir = await mkdtemp(join(tmpdir(), "fake-tesseract-psm-"));
    written.push(dir);
    const echo = join(dir, "tesseract");
    const header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";
    const script = [
      `#!${process.execPath}`,
      "const args = process.argv.slice(2);",
      `const header = ${JSON.stringify(header)};`,
      "process.stdin.resume();",
      'process.stdin.on("end", () => process.stdout.write(`${header}\\n5\\t1\\t1\\t1\\t1\\t1\\t1\\t1\\t10\\t10\\t90\\tpsm${args[args.indexOf("--psm") + 1]}\\n`));',
    ].join("\n");
    await writeFile(echo, script);
    await chmod(echo, 0o755);
    const engine = createTesseractCliEngine({ binary: echo, version: "5.3.0", workers: 1, env: { PATH: "/usr/bin:/bin" } });
    const png = await whitePng(40, 20);
    await expect(engine.recognize(png, undefined, { segmentation: "sparse-text" })).resolves.toMatchObject({ text: "psm11" });
    await expect(engine.recognize(png, undefined, { segmentation: "single-column" })).resolves.toMatchObject({ text: "psm4" });
    await expect(engine.recognize(png)).resolves.toMatchObject({ text: "psm4" });
    await engine.close();
  });

  it("kills the process and rejects when the signal aborts", async () => {
    const engine = createTesseractCliEngine({ binary, version: "5.3.0", workers: 1, env: {} });
    const controller = new AbortController();
    const pending = engine.recognize(await whitePng(77, 10), controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: Code.Canceled });
    // The slot is free again.
    await expect(engine.recognize(await whitePng(800, 300))).resolves.toMatchObject({ width: 800 });
  });

  it("reports a failing binary as Internal", async () => {
    const engine = createTesseractCliEngine({ binary: "/bin/false", version: "5.3.0", workers: 1, env: {} });
    await expect(engine.recognize(await whitePng(8, 8))).rejects.toMatchObject({ code: Code.Internal });
  });

  it("createOcrEngine prefers the CLI when it works and falls back to tesseract.js", async () => {
    const native = await createOcrEngine({ workers: 2, tesseractBinary: binary });
    expect(native.id).toBe("tesseract-cli-5.3.0");
    expect(native.workers).toBe(2);
    const fallback = await createOcrEngine({ workers: 1, tesseractBinary: "/nonexistent/tesseract" });
    expect(fallback.id).toBe("tesseract.js-7");
    const embedded = await createOcrEngine({ workers: 1, preferNative: false, tesseractBinary: binary });
    expect(embedded.id).toBe("tesseract.js-7");
    await Promise.all([native.close(), fallback.close(), embedded.close()]);
  });
});
