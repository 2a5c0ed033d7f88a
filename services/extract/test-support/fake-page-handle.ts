import { Code, ConnectError } from "@connectrpc/connect";
import type { PageHandle } from "@docproc/ingest";
import sharp from "sharp";

/** A white PNG of the given size (a stand-in page image; content does not matter to a fake model). */
export async function blankPng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#ffffff" } }).png().toBuffer();
}

/** Page handles that decode to the same PNG; index i is page i. Counts decode calls. */
export function pngPageHandles(png: Buffer, width: number, height: number, count: number): PageHandle[] & { decodes: number } {
  const handles = Array.from({ length: count }, (_, index): PageHandle => ({
    index,
    sourceIndex: 0,
    format: "png",
    async decode(signal) {
      signal?.throwIfAborted();
      handles.decodes += 1;
      return { index, width, height, dpi: 200, image: png };
    },
  })) as PageHandle[] & { decodes: number };
  handles.decodes = 0;
  return handles;
}

/** A page handle whose decode fails the way ingest reports a corrupt page. */
export function brokenPageHandle(index: number): PageHandle {
  return {
    index,
    sourceIndex: 0,
    format: "png",
    decode() {
      return Promise.reject(new ConnectError("source 0: image could not be decoded", Code.InvalidArgument));
    },
  };
}
