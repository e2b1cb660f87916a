import { resolve } from "node:path";
import { startKeeper } from "@backstop/keeper";
import type { Registry } from "../chain/context.ts";

/** Where the devnet prints keeper lines a person wants to see. */
export type KeeperLogger = { info(msg: string): void; warn(msg: string): void };
export type RunningKeeper = { stop(): Promise<void> };

/** Starts @backstop/keeper against the devnet, its state kept per chain id under .backstop/. */
export async function startDevKeeper(p: {
  rpcUrl: string;
  privateKey: `0x${string}`;
  deployment: Registry;
  pollIntervalMs: number;
  logger: KeeperLogger;
}): Promise<RunningKeeper> {
  const keeper = await startKeeper({
    rpcUrl: p.rpcUrl,
    privateKey: p.privateKey,
    deployment: p.deployment,
    stateFile: resolve(import.meta.dirname, `../../../../.backstop/keeper-${p.deployment.chainId}.json`),
    pollIntervalMs: p.pollIntervalMs,
    logger: (entry) => {
      // The keeper logs structured entries; the devnet prints the ones a person wants to see.
      const { level, event, ...rest } = entry as { level?: string; event?: string };
      if (level === "debug") return;
      const details = JSON.stringify(rest, (_, v) => (typeof v === "bigint" ? v.toString() : v));
      const line = `keeper: ${event ?? "event"} ${details}`;
      if (level === "warn" || level === "error") p.logger.warn(line);
      else p.logger.info(line);
    },
  });
  return { stop: () => keeper.stop() };
}
