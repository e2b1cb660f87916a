import { resolve } from "node:path";
import type { PublicClient } from "viem";
import type { Registry, Signer } from "../chain/context.ts";
import { type KeeperLogger, startMiniKeeper } from "./miniKeeper.ts";

export type RunningKeeper = { kind: "keeper" | "mini"; stop(): Promise<void> };
type StartKeeper = (p: {
  rpcUrl: string;
  privateKey: `0x${string}`;
  deployment: Registry;
  stateFile: string;
  port?: number;
  pollIntervalMs?: number;
  logger?: KeeperLogger;
}) => Promise<{ stop(): Promise<void>; port: number }>;

/** Starts @backstop/keeper when it provides startKeeper, else the CLI's minimal poke/settle loop. */
export async function startDevKeeper(p: {
  rpcUrl: string;
  privateKey: `0x${string}`;
  publicClient: PublicClient;
  wallet: Signer;
  deployment: Registry;
  pollIntervalMs: number;
  logger: KeeperLogger;
}): Promise<RunningKeeper> {
  const start = await loadStartKeeper();
  if (start) {
    const keeper = await start({
      rpcUrl: p.rpcUrl,
      privateKey: p.privateKey,
      deployment: p.deployment,
      stateFile: resolve(import.meta.dirname, `../../../../.backstop/keeper-${p.deployment.chainId}.json`),
      pollIntervalMs: p.pollIntervalMs,
      logger: p.logger,
    });
    return { kind: "keeper", stop: () => keeper.stop() };
  }
  const mini = startMiniKeeper(p);
  return { kind: "mini", stop: () => mini.stop() };
}

async function loadStartKeeper(): Promise<StartKeeper | undefined> {
  const specifier = "@backstop/keeper";
  try {
    const mod = (await import(specifier)) as { startKeeper?: unknown };
    return typeof mod.startKeeper === "function" ? (mod.startKeeper as StartKeeper) : undefined;
  } catch {
    return undefined;
  }
}
