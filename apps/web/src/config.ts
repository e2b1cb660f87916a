// The runtime configuration the server hands the app at /backstop.json: which chain, RPC, API and deployment.
import type { Deployment } from "@backstop/abi";
import type { Address } from "viem";
import { takeBootConfig } from "./boot.ts";

export type SeedRecords = {
  markets?: { id: string; name: string; kind: string; trigger: Address; asset?: string }[];
  pools?: { id: number; name: string; address: Address; curator: Address }[];
  groups?: Record<string, number>;
  feeds?: Record<string, Address[]>;
  pegWindow?: number;
  assessors?: Address[];
  periphery?: {
    router?: Address;
    insuredVaults?: Record<string, Address>;
    yieldVaults?: Record<string, Address>;
    series?: Record<string, { address: Address; marketId: string; expiry: string }>;
  };
};

export type AppConfig = {
  chainId: number;
  rpcUrl: string;
  apiUrl: string;
  deployment: Deployment & { seed?: SeedRecords; groups?: Record<string, number> };
  /** Hardhat's dev accounts, offered as wallets on a development chain. */
  devAccounts: { index: number; address: Address; role: string }[];
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

export async function loadConfig(): Promise<AppConfig> {
  const early = await takeBootConfig()?.catch(() => undefined);
  if (early) return checked(early.config as AppConfig & { error?: string }, early.status);
  let res: Response;
  try {
    res = await fetch("/backstop.json");
  } catch {
    throw new ConfigError("The app's server is not answering: start it with npm start.");
  }
  return checked(await res.json().catch(() => ({})), res.status);
}

function checked(body: AppConfig & { error?: string }, status: number): AppConfig {
  if (status !== 200) throw new ConfigError(body.error ?? `the server answered ${status}`);
  return body;
}

/** The market's name from the seed records, else "Market N". */
export function marketName(config: AppConfig, id: number | bigint): string {
  return config.deployment.seed?.markets?.find((m) => m.id === String(id))?.name ?? `Market ${id}`;
}

/** The market's trigger kind (peg, drain, committee, optimistic, assessed) when the seed records know it. */
export function marketKind(config: AppConfig, id: number | bigint): string | undefined {
  return config.deployment.seed?.markets?.find((m) => m.id === String(id))?.kind;
}

export function poolName(config: AppConfig, id: number): string {
  return config.deployment.seed?.pools?.find((p) => p.id === id)?.name ?? `Pool ${id}`;
}

/** Correlation-group names by bit, from the deployment's group registry. */
export function groupNames(config: AppConfig, mask: bigint): string[] {
  const groups = config.deployment.groups ?? config.deployment.seed?.groups ?? {};
  return Object.entries(groups)
    .filter(([, bit]) => (mask >> BigInt(bit)) & 1n)
    .map(([name]) => name);
}
