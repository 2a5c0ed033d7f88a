import { createServer } from "node:net";

/**
 * A TCP port on 127.0.0.1 that was free a moment ago: bind port 0, read the
 * port the kernel chose, close. Another process could take it before the
 * caller binds it; for a benchmark on one machine that race is acceptable,
 * and it is the only way to hand a port to a child process up front.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close((error) => (error ? reject(error) : resolve(port)));
    });
  });
}

/** `count` distinct free ports; a port the kernel hands out twice is skipped and another probed. */
export async function findFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  for (let attempts = 0; ports.size < count && attempts < count * 10; attempts += 1) ports.add(await findFreePort());
  if (ports.size < count) throw new Error(`could not find ${count} free ports`);
  return [...ports];
}
