// Where each devnet keeps its files: one folder per port, so devnets on different ports stay apart.
// No workspace imports: the CLI can call these before anything is built.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** The repository root (packages/devnet/src/../../..). */
export const repoRoot: string = resolve(import.meta.dirname, "../../..");

/** The folder of all devnet state: `$BACKSTOP_HOME` or `<repo>/.backstop`. */
export function stateRoot(): string {
  return process.env.BACKSTOP_HOME ? resolve(process.env.BACKSTOP_HOME) : join(repoRoot, ".backstop");
}

/** The folder of the devnet on `port`: `.backstop/devnet-<port>/`. */
export function devnetDir(port: number, root: string = stateRoot()): string {
  return join(root, `devnet-${port}`);
}

/** The files of the devnet on `port`. */
export function devnetFiles(port: number, root: string = stateRoot()) {
  const dir = devnetDir(port, root);
  return {
    dir,
    /** The deployment registry, named `<chainId>.json` so `readDeployment(chainId, dir)` reads it. */
    deployment: join(dir, "31337.json"),
    keeperState: join(dir, "keeper-state.json"),
    /** Who runs this devnet: pid, rpc url, start time (removed on a clean stop). */
    lock: join(dir, "devnet.json"),
  };
}

/**
 * The port of a local devnet RPC URL (127.0.0.1, localhost or [::1]), or undefined for any other URL.
 */
export function devnetPortOf(rpcUrl: string): number | undefined {
  let url: URL;
  try {
    url = new URL(rpcUrl);
  } catch {
    return undefined;
  }
  if (!["127.0.0.1", "localhost", "[::1]", "0.0.0.0"].includes(url.hostname)) return undefined;
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/**
 * The deployments folder of the devnet serving `rpcUrl` (`.backstop/devnet-<port>/`), or undefined when the
 * URL is not local or no devnet has written a deployment there. Pass it as the `dir` of
 * `readDeployment(chainId, dir)` from @backstop/abi/deployments (or `$BACKSTOP_DEPLOYMENTS_DIR`).
 */
export function devnetDeploymentsDir(rpcUrl: string, root: string = stateRoot()): string | undefined {
  const port = devnetPortOf(rpcUrl);
  if (port === undefined) return undefined;
  const files = devnetFiles(port, root);
  return existsSync(files.deployment) ? files.dir : undefined;
}

/** The deployment the devnet serving `rpcUrl` wrote (with its seed records), or undefined. */
export function readDevnetDeployment<T = Record<string, unknown> & { chainId: number }>(
  rpcUrl: string,
  root: string = stateRoot(),
): T | undefined {
  const dir = devnetDeploymentsDir(rpcUrl, root);
  if (!dir) return undefined;
  return JSON.parse(readFileSync(join(dir, "31337.json"), "utf8")) as T;
}
