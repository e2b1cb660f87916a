import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Deployment } from "@backstop/abi";
import { readDeployment } from "@backstop/abi/deployments";
import { BaseError } from "@backstop/core";

/** The Ponder project (config, schema, indexing functions and API). */
export const ponderRoot: string = path.resolve(import.meta.dirname, "../ponder");
const watchdog = path.resolve(import.meta.dirname, "watchdog.mjs");

export class IndexerError extends BaseError {
  override name = "IndexerError";
}

export type StartIndexerParameters = {
  /** JSON-RPC URL of the chain (default http://127.0.0.1:8545). */
  rpcUrl?: string;
  /** Chain id (default: asked from the RPC). */
  chainId?: number;
  /** The deployment, or a deployment JSON file (default: the registry's deployments/<chainId>.json). */
  deployment?: Deployment | string;
  /** HTTP port of the API (default 42069) and its hostname (default 127.0.0.1). */
  port?: number;
  hostname?: string;
  /**
   * PGlite directory (default apps/indexer/.ponder/pglite-<chainId>-<rpc port>, so two devnets never share one).
   * Ignored when `databaseUrl` is set.
   */
  dbDir?: string;
  /** PostgreSQL connection string (default: the DATABASE_URL environment variable; unset: PGlite). */
  databaseUrl?: string;
  /** Database schema (default: derived from the chain's deployment block hash and the indexer's code). */
  schema?: string;
  /** RPC polling interval of the indexer in ms (default 250). */
  pollingIntervalMs?: number;
  /** Receives the indexer's log lines (default: kept in a ring buffer shown in errors). */
  onLog?: (line: string) => void;
  /** Restart from scratch when the chain is replaced by a new history (default true). */
  watchChain?: boolean;
  /** How long to wait for the HTTP server (default 120 s). */
  timeoutMs?: number;
};

export type Indexer = {
  /** Base URL of the HTTP API, e.g. http://127.0.0.1:42069. */
  url: string;
  /** The current Ponder process id (it leads its own process group). */
  readonly pid: number;
  /** The database schema in use. */
  readonly schema: string;
  /** Resolves when historical indexing is complete (GET /ready answers 200). */
  ready(timeoutMs?: number): Promise<void>;
  /** Stops the indexer and every process it started; safe to call twice. */
  stop(): Promise<void>;
};

type Resolved = { chainId: number; deployment: Deployment; deploymentFile: string; startHash: string };

async function rpc<T>(url: string, method: string, params: unknown[], attempt = 0): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    signal: AbortSignal.timeout(5_000),
  }).catch(async (err: unknown) => {
    // A kept-alive connection the node closed: retry on a new one.
    if (attempt >= 3) throw err;
    await new Promise((r) => setTimeout(r, 200));
    return undefined;
  });
  if (!res) return rpc(url, method, params, attempt + 1);
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new IndexerError(`${method}: ${body.error.message}`);
  return body.result as T;
}

/** The hash of `block`, or undefined when the chain does not have it (or does not answer). */
async function blockHash(url: string, block: number): Promise<string | undefined> {
  try {
    const b = await rpc<{ hash: string } | null>(url, "eth_getBlockByNumber", [
      `0x${block.toString(16)}`,
      false,
    ]);
    return b?.hash;
  } catch {
    return undefined;
  }
}

/** Ponder's CLI entry, found from the package's module entry (its package.json is not exported). */
function ponderBin(): string {
  const url = import.meta.resolve("ponder");
  return path.join(path.dirname(new URL(url).pathname), "bin/ponder.js");
}

/** A hash of the indexer's code: a changed indexer re-indexes into a new schema instead of failing. */
function codeHash(): string {
  const h = createHash("sha256");
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === "generated" || e.name.startsWith(".") || e.name === "ponder-env.d.ts") continue;
      const file = path.join(dir, e.name);
      if (e.isDirectory()) walk(file);
      else h.update(e.name).update(readFileSync(file));
    }
  };
  walk(ponderRoot);
  return h.digest("hex").slice(0, 6);
}

async function resolve(params: StartIndexerParameters, rpcUrl: string, stateDir: string): Promise<Resolved> {
  const chainId = params.chainId ?? Number(await rpc<string>(rpcUrl, "eth_chainId", []));
  let deployment: Deployment | undefined;
  if (typeof params.deployment === "string") {
    deployment = JSON.parse(readFileSync(params.deployment, "utf8")) as Deployment;
  } else {
    deployment = params.deployment ?? readDeployment(chainId);
  }
  if (!deployment) throw new IndexerError(`no deployment recorded for chain ${chainId}: pass one`);
  const startBlock = deployment.startBlock ?? 0;
  const startHash = await blockHash(rpcUrl, startBlock);
  if (!startHash)
    throw new IndexerError(`the chain at ${rpcUrl} has no block ${startBlock} (deployment start)`);
  mkdirSync(stateDir, { recursive: true });
  const deploymentFile = path.join(stateDir, `deployment-${chainId}.json`);
  writeFileSync(deploymentFile, `${JSON.stringify({ ...deployment, startBlock }, null, 2)}\n`);
  return { chainId, deployment, deploymentFile, startHash };
}

/**
 * Starts the indexer and its HTTP API as a Ponder child process (`ponder start`) leading its own process group.
 * Resolves once the API answers /health; `ready()` waits for historical indexing. The state survives kill -9:
 * a restart with the same chain resumes from Ponder's last checkpoint. A chain restarted from scratch (its
 * deployment block has another hash) gets a fresh database schema (and PGlite directory), never stale rows;
 * while running, the indexer restarts itself when that happens (`watchChain`).
 */
export async function startIndexer(params: StartIndexerParameters = {}): Promise<Indexer> {
  const rpcUrl = params.rpcUrl ?? "http://127.0.0.1:8545";
  const port = params.port ?? 42069;
  const hostname = params.hostname ?? "127.0.0.1";
  const databaseUrl = params.databaseUrl ?? process.env.DATABASE_URL;
  const rpcPort = new URL(rpcUrl).port || "80";
  const stateDir = path.resolve(import.meta.dirname, "../.ponder");
  const url = `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`;
  let logTail: string[] = [];
  const log = (line: string) => {
    logTail = [...logTail.slice(-40), line];
    params.onLog?.(line);
  };

  let current: { child: ChildProcess; exited: Promise<void>; schema: string; resolved: Resolved } | undefined;
  let stopped = false;

  const launch = async () => {
    const resolved = await resolve(params, rpcUrl, stateDir);
    const tag = `${resolved.startHash.slice(2, 10)}_${codeHash()}`;
    const schema = params.schema ?? `backstop_${resolved.chainId}_${tag}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      BACKSTOP_RPC_URL: rpcUrl,
      BACKSTOP_CHAIN_ID: String(resolved.chainId),
      BACKSTOP_DEPLOYMENT: resolved.deploymentFile,
      BACKSTOP_POLLING_MS: String(params.pollingIntervalMs ?? 250),
      BACKSTOP_SCHEMA: schema,
      NO_COLOR: "1",
      CI: "true",
    };
    delete env.DATABASE_URL;
    delete env.DATABASE_PRIVATE_URL;
    delete env.DATABASE_SCHEMA;
    if (databaseUrl) {
      env.DATABASE_URL = databaseUrl;
    } else {
      const dir = path.resolve(params.dbDir ?? path.join(stateDir, `pglite-${resolved.chainId}-${rpcPort}`));
      // A PGlite directory belongs to one chain history: a replaced chain starts from an empty directory.
      const marker = path.join(dir, "backstop-chain.json");
      const identity = JSON.stringify({ chainId: resolved.chainId, startHash: resolved.startHash });
      if (existsSync(marker) && readFileSync(marker, "utf8") !== identity)
        rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFileSync(marker, identity);
      env.BACKSTOP_PGLITE_DIR = path.join(dir, "db");
    }
    const bin = ponderBin();
    const child = spawn(
      process.execPath,
      [
        "--import",
        watchdog,
        bin,
        "--root",
        ponderRoot,
        "--log-format",
        "json",
        "start",
        "--schema",
        schema,
        "--port",
        String(port),
        "--hostname",
        hostname,
      ],
      { cwd: ponderRoot, env, stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line.trim()) log(line);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    current = { child, exited, schema, resolved };
    await waitFor(
      async () => {
        if (child.exitCode !== null)
          throw new IndexerError(`the indexer exited: ${logTail.slice(-5).join("\n")}`);
        return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) }).catch(() => undefined))
          ?.ok;
      },
      params.timeoutMs ?? 120_000,
      () => `the indexer's API did not answer on ${url}: ${logTail.slice(-5).join("\n")}`,
    );
  };

  const kill = async () => {
    const c = current;
    if (!c || c.child.exitCode !== null || c.child.signalCode !== null) return;
    const group = (signal: NodeJS.Signals) => {
      try {
        process.kill(-(c.child.pid ?? 0), signal);
      } catch {
        c.child.kill(signal);
      }
    };
    group("SIGTERM");
    const timer = setTimeout(() => group("SIGKILL"), 5_000);
    await c.exited;
    clearTimeout(timer);
    group("SIGKILL");
  };

  await launch();

  // Watch the deployment block: a devnet restarted from scratch has a new history.
  let watching: Promise<void> | undefined;
  const timer =
    (params.watchChain ?? true)
      ? setInterval(() => {
          if (watching || stopped || !current) return;
          const c = current;
          watching = (async () => {
            const hash = await blockHash(rpcUrl, c.resolved.deployment.startBlock ?? 0);
            if (stopped || hash === c.resolved.startHash) return;
            // Unanswered (the node is restarting) or replaced: wait until the new chain has the deployment.
            if (
              hash === undefined &&
              (await rpc(rpcUrl, "eth_chainId", []).catch(() => undefined)) === undefined
            )
              return;
            log(`chain history changed at block ${c.resolved.deployment.startBlock}: restarting the indexer`);
            await kill();
            if (!stopped) await launch().catch((err: unknown) => log(String(err)));
          })().finally(() => {
            watching = undefined;
          });
        }, 2_000)
      : undefined;
  timer?.unref();

  return {
    url,
    get pid() {
      return current?.child.pid ?? 0;
    },
    get schema() {
      return current?.schema ?? "";
    },
    ready: (timeoutMs = 120_000) =>
      waitFor(
        async () =>
          (await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined))?.ok,
        timeoutMs,
        () => `the indexer did not finish historical indexing: ${logTail.slice(-5).join("\n")}`,
      ),
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      await watching;
      await kill();
    },
  };
}

async function waitFor(check: () => Promise<boolean | undefined>, timeoutMs: number, reason: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new IndexerError(reason());
}
