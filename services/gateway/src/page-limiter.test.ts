import { create } from "@bufbuild/protobuf";
import { DocumentSchema } from "@docproc/gen/docproc/v1/document_pb.js";
import { describe, expect, it } from "vitest";
import { createPageLimiter, requestPageCount } from "./page-limiter.js";

describe("createPageLimiter", () => {
  it("admits pages up to the cap per key and frees them on release", () => {
    const totals: number[] = [];
    const limiter = createPageLimiter({ maxPagesPerKey: 5, onChange: (total) => totals.push(total) });
    const first = limiter.acquire("a", 3);
    expect(first).toBeDefined();
    expect(limiter.acquire("a", 3)).toBeUndefined();
    const second = limiter.acquire("a", 2);
    expect(limiter.inFlight("a")).toBe(5);
    expect(limiter.acquire("b", 5)).toBeDefined();
    first?.();
    first?.();
    expect(limiter.inFlight("a")).toBe(2);
    second?.();
    expect(limiter.inFlight("a")).toBe(0);
    expect(totals).toEqual([3, 5, 10, 7, 5]);
  });

  it("runs a request larger than the whole cap alone", () => {
    const limiter = createPageLimiter({ maxPagesPerKey: 4 });
    const big = limiter.acquire("a", 50);
    expect(big).toBeDefined();
    expect(limiter.inFlight("a")).toBe(4);
    expect(limiter.acquire("a", 1)).toBeUndefined();
    big?.();
    expect(limiter.acquire("a", 1)).toBeDefined();
    const busy = createPageLimiter({ maxPagesPerKey: 4 });
    busy.acquire("a", 1);
    expect(busy.acquire("a", 50)).toBeUndefined();
  });

  it("never refuses with a cap of 0", () => {
    const limiter = createPageLimiter({ maxPagesPerKey: 0 });
    for (let i = 0; i < 10; i++) expect(limiter.acquire("a", 1000)).toBeDefined();
  });
});

describe("requestPageCount", () => {
  it("counts one page per source, PDFs included, and at least one", () => {
    const document = create(DocumentSchema, {
      sources: [
        { source: { case: "url", value: "https://example.com/a.png" } },
        { source: { case: "content", value: new Uint8Array([0x25, 0x50, 0x44, 0x46]) }, mediaType: "application/pdf" },
      ],
    });
    expect(requestPageCount(document)).toBe(2);
    expect(requestPageCount(undefined)).toBe(1);
  });
});
