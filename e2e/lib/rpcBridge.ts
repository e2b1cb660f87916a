import { createServer, type IncomingMessage, type Server } from "node:http";
import type { EIP1193Provider } from "viem";

type RpcRequest = { jsonrpc: "2.0"; id: number | string | null; method: string; params?: unknown[] };

/**
 * Serves an EIP-1193 provider (Hardhat's in-process chain) as a JSON-RPC HTTP endpoint on 127.0.0.1, so a
 * process that needs an RPC URL can use it. It can be closed and reopened on the same port (to simulate an
 * RPC outage) and pointed at another provider (to simulate a chain restart).
 */
export class RpcBridge {
  private server: Server | undefined;
  port = 0;
  /** Called with each request before it is served (e.g. to swap the chain at an exact point of a client's run). */
  onRequest: ((req: { method: string; params?: unknown[] }) => void) | undefined;

  constructor(private provider: EIP1193Provider) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Serves the provider; the first call picks a free port, later calls reuse it. */
  async open(): Promise<void> {
    const server = createServer((req, res) => {
      void body(req).then(async (text) => {
        const parsed = JSON.parse(text) as RpcRequest | RpcRequest[];
        const out = Array.isArray(parsed)
          ? await Promise.all(parsed.map((r) => this.handle(r)))
          : await this.handle(parsed);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(out));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    const address = server.address();
    if (typeof address === "object" && address) this.port = address.port;
    this.server = server;
  }

  /** Stops serving: requests fail with a connection error until `open` is called again. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Serves another chain from now on. */
  setProvider(provider: EIP1193Provider): void {
    this.provider = provider;
  }

  private async handle(req: RpcRequest) {
    this.onRequest?.(req);
    try {
      // biome-ignore lint/suspicious/noExplicitAny: forwards any method as is
      const result = await this.provider.request({ method: req.method, params: req.params } as any);
      return { jsonrpc: "2.0", id: req.id, result: result ?? null };
    } catch (err) {
      const e = err as { code?: number; message?: string; data?: unknown };
      return {
        jsonrpc: "2.0",
        id: req.id,
        error: { code: e.code ?? -32603, message: e.message ?? String(err), data: e.data },
      };
    }
  }
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      text += chunk;
    });
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}
