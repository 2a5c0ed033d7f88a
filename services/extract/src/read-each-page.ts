import { Code, ConnectError } from "@connectrpc/connect";
import type { PageResult } from "@docproc/gen/docproc/v1/extract_service_pb.js";
import type { ExtractEngine, ReadPagesInput } from "./engine.js";

/**
 * Reads the pages with one engine call per page, all started at once: the
 * engine's shared limiter still bounds how many run (and how many decoded
 * images are held), while each page can give its admission slot back the
 * moment it is done. Waits for every page before answering, so the document
 * is never closed under a page still being read.
 */
export async function readEachPage(
  engine: ExtractEngine,
  input: ReadPagesInput,
  signal: AbortSignal,
  onPageDone: () => void,
): Promise<PageResult[]> {
  const settled = await Promise.allSettled(
    input.pages.map(async (page) => {
      try {
        const [result] = await engine.readPages({ ...input, pages: [page] }, signal);
        if (!result) throw new ConnectError(`engine returned no result for page ${page.index}`, Code.Internal);
        return result;
      } finally {
        onPageDone();
      }
    }),
  );
  const failure = settled.find((outcome) => outcome.status === "rejected");
  if (failure) throw signal.aborted ? ConnectError.from(signal.reason) : failure.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<PageResult>).value);
}
