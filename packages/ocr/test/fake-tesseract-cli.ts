import { chmod, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** TSV as `tesseract … tsv` prints it: header, page/block/par/line rows, then words. */
export const FAKE_TSV = [
  "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
  "1\t1\t0\t0\t0\t0\t0\t0\t800\t300\t-1\t",
  "2\t1\t1\t0\t0\t0\t40\t70\t400\t40\t-1\t",
  "4\t1\t1\t1\t1\t0\t40\t70\t400\t40\t-1\t",
  "5\t1\t1\t1\t1\t1\t40\t72\t120\t30\t96.5\tInvoice",
  "5\t1\t1\t1\t1\t2\t175\t72\t60\t30\t91\tNo.",
  "5\t1\t1\t1\t1\t3\t250\t72\t150\t30\t89.25\tINV-1042",
  "2\t1\t2\t0\t0\t0\t40\t190\t300\t40\t-1\t",
  "5\t1\t2\t1\t1\t1\t40\t192\t90\t30\t95\tTotal",
  "5\t1\t2\t1\t1\t2\t150\t190\t160\t36\t93\t$1,234.56",
  "",
].join("\n");

/**
 * Writes an executable stand-in for the Debian `tesseract` binary: answers --version and
 * --list-langs, and for a recognition checks the arguments and OMP_THREAD_LIMIT=1, reads the
 * PNG from stdin and prints FAKE_TSV. A PNG 77 px wide makes it hang (to test abort).
 */
export async function writeFakeTesseract(options: { version?: string; langs?: string[] } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "fake-tesseract-"));
  const path = join(dir, "tesseract");
  const script = `#!${process.execPath}
const args = process.argv.slice(2);
if (args[0] === "--version") { process.stdout.write("tesseract ${options.version ?? "5.3.0"}\\n leptonica-1.82.0\\n"); process.exit(0); }
if (args[0] === "--list-langs") { process.stdout.write('List of available languages in "/usr/share/tessdata/" (2):\\n${(options.langs ?? ["eng", "osd"]).join("\\n")}\\n'); process.exit(0); }
const expected = ${JSON.stringify(["stdin", "stdout", "-l", "eng", "--psm", "4"])};
if (expected.some((a, i) => args[i] !== a) || args[args.length - 1] !== "tsv" || process.env.OMP_THREAD_LIMIT !== "1") {
  process.stderr.write("bad invocation"); process.exit(3);
}
const chunks = [];
process.stdin.on("data", (c) => chunks.push(c));
process.stdin.on("end", () => {
  const png = Buffer.concat(chunks);
  if (png.readUInt32BE(16) === 77) { setInterval(() => {}, 1000); return; }
  process.stdout.write(${JSON.stringify(FAKE_TSV)});
});
`;
  await writeFile(path, script);
  await chmod(path, 0o755);
  return path;
}
