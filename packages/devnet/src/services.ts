import { startChildService } from "./childService.ts";
import type { DevService } from "./cli.ts";
import type { Devnet } from "./start.ts";

/**
 * The indexer and HTTP API (apps/indexer) beside the devnet, as a child process. Its PGlite database is per
 * chain and RPC port, and it resets itself when the chain's history changed.
 */
export function startApiService(devnet: Devnet, port: number, timeoutMs = 180_000): Promise<DevService> {
  return startChildService({
    name: "api",
    what: "the indexer",
    script: "apps/indexer/src/main.ts",
    args: ["--rpc", devnet.rpcUrl, "--deployment", devnet.registryFile, "--port", String(port), "--quiet"],
    port,
    readyPath: "/health",
    timeoutMs,
  });
}

/**
 * The web app (apps/web) beside the devnet and its API: the bundle is rebuilt when its sources changed, then
 * served with /backstop.json pointing at this chain, API and deployment.
 */
export function startWebService(
  devnet: Devnet,
  port: number,
  apiUrl: string,
  timeoutMs = 180_000,
): Promise<DevService> {
  return startChildService({
    name: "web",
    what: "the web app",
    script: "apps/web/scripts/serve.ts",
    args: [
      "--rpc",
      devnet.rpcUrl,
      "--api",
      apiUrl,
      "--deployment",
      devnet.registryFile,
      "--port",
      String(port),
    ],
    port,
    readyPath: "/backstop.json",
    timeoutMs,
  });
}
