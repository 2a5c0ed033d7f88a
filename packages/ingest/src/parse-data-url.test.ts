import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { parseDataUrl } from "./parse-data-url.js";

function codeOf(fn: () => unknown): Code | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof ConnectError ? error.code : undefined;
  }
  return undefined;
}

describe("parseDataUrl", () => {
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10]);

  it("decodes base64", () => {
    const parsed = parseDataUrl(`data:image/png;base64,${bytes.toString("base64")}`);
    expect(parsed.mediaType).toBe("image/png");
    expect(parsed.bytes.equals(bytes)).toBe(true);
  });

  it("accepts whitespace, missing padding, parameters and upper-case scheme", () => {
    const b64 = bytes.toString("base64").replace(/=+$/, "");
    const parsed = parseDataUrl(`DATA:Image/PNG;name=x.png;BASE64,${b64.slice(0, 4)} \n${b64.slice(4)}`);
    expect(parsed.mediaType).toBe("image/png");
    expect(parsed.bytes.equals(bytes)).toBe(true);
  });

  it("decodes percent-encoded data and percent-encoded base64", () => {
    expect(parseDataUrl("data:text/plain,hello%20world%FF").bytes.equals(Buffer.from([...Buffer.from("hello world"), 0xff]))).toBe(true);
    expect(parseDataUrl("data:,a%2").bytes.toString()).toBe("a%2");
    expect(parseDataUrl("data:application/pdf;base64,JVBERi0%78").bytes.toString()).toBe("%PDF-1");
    expect(parseDataUrl("data:,x").mediaType).toBe("text/plain");
  });

  it("rejects bad base64, a missing comma and other schemes with InvalidArgument", () => {
    expect(codeOf(() => parseDataUrl("data:image/png;base64,@@@@"))).toBe(Code.InvalidArgument);
    expect(codeOf(() => parseDataUrl("data:image/png;base64,abcde"))).toBe(Code.InvalidArgument);
    expect(codeOf(() => parseDataUrl("data:image/png;base64,ab-_"))).toBe(Code.InvalidArgument);
    expect(codeOf(() => parseDataUrl("data:image/png;base64"))).toBe(Code.InvalidArgument);
    expect(codeOf(() => parseDataUrl("https://example.com/a.png"))).toBe(Code.InvalidArgument);
  });
});
