import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { selectPageRange } from "./select-page-range.js";

function error(fn: () => unknown): ConnectError {
  try {
    fn();
  } catch (caught) {
    if (caught instanceof ConnectError) return caught;
  }
  throw new Error("expected a ConnectError");
}

describe("selectPageRange", () => {
  it("selects everything without a range or with 0/0", () => {
    expect(selectPageRange(undefined, 5)).toEqual({ first: 0, last: 4 });
    expect(selectPageRange({ firstPage: 0, lastPage: 0 }, 5)).toEqual({ first: 0, last: 4 });
  });

  it("handles open ends and clamps last_page", () => {
    expect(selectPageRange({ firstPage: 2, lastPage: 0 }, 5)).toEqual({ first: 1, last: 4 });
    expect(selectPageRange({ firstPage: 0, lastPage: 3 }, 5)).toEqual({ first: 0, last: 2 });
    expect(selectPageRange({ firstPage: 4, lastPage: 99 }, 5)).toEqual({ first: 3, last: 4 });
    expect(selectPageRange({ firstPage: 5, lastPage: 5 }, 5)).toEqual({ first: 4, last: 4 });
  });

  it("rejects bad ranges with InvalidArgument naming page_range", () => {
    for (const range of [
      { firstPage: -1, lastPage: 0 },
      { firstPage: 0, lastPage: -2 },
      { firstPage: 1.5, lastPage: 2 },
      { firstPage: 4, lastPage: 2 },
      { firstPage: 6, lastPage: 0 },
    ]) {
      const caught = error(() => selectPageRange(range, 5));
      expect(caught.code).toBe(Code.InvalidArgument);
      expect(caught.rawMessage).toMatch(/^page_range: /);
    }
    expect(error(() => selectPageRange({ firstPage: 6, lastPage: 0 }, 5)).rawMessage).toBe(
      "page_range: first_page 6 exceeds the document's 5 pages",
    );
  });

  it("rejects an empty document", () => {
    expect(error(() => selectPageRange(undefined, 0)).code).toBe(Code.InvalidArgument);
  });
});
