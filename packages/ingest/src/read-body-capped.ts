import { Code, ConnectError } from "@connectrpc/connect";

export interface DestroyableBody extends AsyncIterable<Uint8Array | string> {
  destroy(error?: Error): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
}

/**
 * Drops an unread body and its connection. undici's body emits an "error" when destroyed
 * early; without a listener that would surface as an uncaught exception and kill the process.
 */
export function discardBody(body: DestroyableBody): void {
  body.on("error", () => undefined);
  body.destroy();
}

function tooLarge(maxBytes: number, size?: number): ConnectError {
  const what = size === undefined ? "response" : `response of ${size} bytes`;
  return new ConnectError(`fetch: ${what} exceeds the limit of ${maxBytes} bytes`, Code.ResourceExhausted);
}

/**
 * Reads a response body into memory, refusing it as soon as it passes `maxBytes`: first from
 * Content-Length (which a server may omit or lie about), then by counting streamed bytes.
 */
export async function readBodyCapped(
  body: DestroyableBody,
  maxBytes: number,
  contentLength: string | string[] | undefined,
): Promise<Buffer> {
  const declared = typeof contentLength === "string" && /^\d+$/.test(contentLength) ? Number(contentLength) : undefined;
  if (declared !== undefined && declared > maxBytes) {
    discardBody(body);
    throw tooLarge(maxBytes, declared);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    total += bytes.length;
    if (total > maxBytes) {
      discardBody(body);
      throw tooLarge(maxBytes);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}
