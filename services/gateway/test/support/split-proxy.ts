import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** A TCP proxy that forwards each connection's first write in two pieces. */
export interface SplitProxy {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Forwards to 127.0.0.1:targetPort, sending the first `firstBytes` of a
 * connection's first chunk, pausing `pauseMs`, then the rest: the HTTP/2
 * preface (or an HTTP/1.1 request line) then arrives in separate TCP segments.
 */
export async function startSplitProxy(targetPort: number, options: { firstBytes?: number; pauseMs?: number } = {}): Promise<SplitProxy> {
  const firstBytes = options.firstBytes ?? 1;
  const pauseMs = options.pauseMs ?? 100;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    upstream.pipe(client);
    client.once("data", (chunk: Buffer) => {
      client.pause();
      upstream.write(chunk.subarray(0, firstBytes));
      void sleep(pauseMs).then(() => {
        upstream.write(chunk.subarray(firstBytes));
        client.pipe(upstream);
        client.resume();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
