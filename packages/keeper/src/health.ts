import { createServer, type Server } from "node:http";

/** What /health reports. */
export type Health = {
  ok: boolean;
  /** ISO time of the last completed tick, or null. */
  lastTick: string | null;
  lastBlock: number | null;
  pending: { key: string; hash: string }[];
  /** Errors since start (failed ticks and failed actions). */
  errors: number;
  lastError: string | null;
};

/** Serves GET /health as JSON (200 when ok, 503 otherwise) on `port` (0 = any free port). */
export async function serveHealth(
  port: number,
  read: () => Health,
): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method === "GET" && (req.url === "/health" || req.url?.startsWith("/health?"))) {
      const health = read();
      res.writeHead(health.ok ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify(health));
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "not found" }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  return {
    server,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
