import type { Deployment } from "@backstop/abi";
import { type Address, createWalletClient, type Hex, http, publicActions } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { classify, describeError } from "./classify.ts";
import type { KeeperClient, KeeperContext, RatesOptions } from "./context.ts";
import { KeeperConfigError } from "./errors.ts";
import { type Health, serveHealth } from "./health.ts";
import { jsonLogger, type Logger } from "./log.ts";
import { backoffDelay, type RetryOptions } from "./retry.ts";
import { loadState, saveState } from "./state.ts";
import { runTick } from "./tick.ts";

export type KeeperOptions = {
  rpcUrl: string;
  privateKey: Hex;
  deployment: Deployment;
  /** The JSON cursor file; written atomically after every change. */
  stateFile: string;
  /** Port of the /health endpoint (default 0: any free port, returned by startKeeper). */
  port?: number;
  /** Delay between ticks in ms (default 5000). */
  pollIntervalMs?: number;
  /** Longest delay between failed ticks (default 60000). */
  maxBackoffMs?: number;
  /** Per-request RPC timeout in ms (default 10000). */
  rpcTimeoutMs?: number;
  /** Retries of one action on RPC errors (default: 3 retries, 250 ms doubling, 5 s cap). */
  retry?: RetryOptions;
  /** One JSON object per event (default: one JSON line on stdout). */
  logger?: (entry: object) => void;
  /** Base-rate updates from @backstop/risk pricing (needs the risk-oracle role). */
  rates?: RatesOptions;
  /** The indexer's HTTP API: pending policies and claims are read from it (the chain is scanned if it is down). */
  apiUrl?: string;
  /** Insured vaults (periphery) whose cover the keeper rolls; it must be one of each vault's keepers. */
  insuredVaults?: readonly Address[];
};

export type Keeper = { stop(): Promise<void>; port: number };

/**
 * Starts the keeper: a tick loop over chain state and a /health endpoint. Resolves once the endpoint listens;
 * the chain may be unreachable at that point (the loop backs off and /health reports ok: false until it is).
 */
export async function startKeeper(options: KeeperOptions): Promise<Keeper> {
  if (!/^0x[0-9a-fA-F]{64}$/.test(options.privateKey)) {
    throw new KeeperConfigError("privateKey must be a 32-byte hex string");
  }
  const log: Logger = options.logger ?? jsonLogger;
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const account = privateKeyToAccount(options.privateKey);
  const client: KeeperClient = createWalletClient({
    account,
    // Retries are the keeper's (classified, logged); viem's own are off.
    transport: http(options.rpcUrl, { retryCount: 0, timeout: options.rpcTimeoutMs ?? 10_000 }),
    pollingInterval: 100,
  }).extend(publicActions) as unknown as KeeperClient;

  const state = loadState(options.stateFile, options.deployment.chainId);
  const health: Health = {
    ok: false,
    lastTick: null,
    lastBlock: state.lastBlock,
    pending: [],
    errors: 0,
    lastError: null,
  };
  const ctx: KeeperContext = {
    client,
    deployment: options.deployment,
    state,
    save: () => saveState(options.stateFile, state),
    log,
    retry: options.retry ?? {},
    rates: options.rates,
    insuredVaults: options.insuredVaults,
    apiUrl: options.apiUrl,
    onError: (err) => {
      health.errors++;
      health.lastError = describeError(err);
    },
  };
  const server = await serveHealth(options.port ?? 0, () => ({
    ...health,
    lastBlock: state.lastBlock,
    pending: state.pending.map((p) => ({ key: p.key, hash: p.hash })),
  }));
  log({
    level: "info",
    event: "keeper.started",
    account: account.address,
    port: server.port,
    stateFile: options.stateFile,
  });

  let stopping = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = async () => {
    let failures = 0;
    while (!stopping) {
      try {
        const summary = await runTick(ctx);
        failures = 0;
        health.ok = true;
        health.lastTick = new Date().toISOString();
        log({ level: "debug", event: "tick", ...summary });
      } catch (err) {
        failures++;
        health.ok = false;
        ctx.onError(err);
        log({
          level: "error",
          event: "tick.failed",
          retryable: classify(err) === "retryable",
          failures,
          error: describeError(err),
        });
      }
      if (stopping) break;
      await sleep(failures === 0 ? pollIntervalMs : backoffDelay(failures, pollIntervalMs, maxBackoffMs));
    }
  };
  const running = loop();

  return {
    port: server.port,
    stop: async () => {
      stopping = true;
      wake?.();
      await running;
      ctx.save();
      await server.close();
      log({ level: "info", event: "keeper.stopped" });
    },
  };
}
