import { startKeeper } from "@backstop/keeper";
import type { Registry } from "./chain.ts";

/** Where the devnet prints keeper lines a person wants to see. */
export type KeeperLogger = { info(msg: string): void; warn(msg: string): void };
export type RunningKeeper = { stop(): Promise<void>; healthUrl: string };

/** Starts the @backstop/keeper loop against the devnet; its state file is the devnet's own (per port). */
export async function startDevKeeper(p: {
  rpcUrl: string;
  privateKey: `0x${string}`;
  deployment: Registry;
  stateFile: string;
  pollIntervalMs: number;
  apiUrl?: string;
  logger: KeeperLogger;
}): Promise<RunningKeeper> {
  const keeper = await startKeeper({
    rpcUrl: p.rpcUrl,
    privateKey: p.privateKey,
    deployment: p.deployment,
    stateFile: p.stateFile,
    pollIntervalMs: p.pollIntervalMs,
    ...(p.apiUrl ? { apiUrl: p.apiUrl } : {}),
    // The seeded insured vaults name the devnet keeper (#13) as their keeper: it rolls their cover.
    insuredVaults: Object.values(p.deployment.seed?.periphery?.insuredVaults ?? {}),
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
  return { stop: () => keeper.stop(), healthUrl: `http://127.0.0.1:${keeper.port}/health` };
}
