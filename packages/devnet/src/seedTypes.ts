import type { Address } from "viem";

export type TriggerKind = "assessed" | "peg" | "drain" | "committee" | "optimistic";

/** What the devnet seed created, recorded next to the deployment so dev commands can find it. */
export type SeedInfo = {
  groups: Record<string, number>;
  /** Mock Chainlink feeds per pegged asset (8 decimals). */
  feeds: Record<string, Address[]>;
  /** The account whose stablecoin balance the bridge-drain trigger watches. */
  bridge: Address;
  pegWindow: number;
  markets: { id: string; name: string; kind: TriggerKind; trigger: Address; asset?: string }[];
  pools: { id: number; name: string; address: Address; curator: Address }[];
  committee: Address[];
  assessors: Address[];
  assessorGroup: number;
  policies: string[];
  /** The periphery (router, demo vaults, protection series, risk-price feeds). */
  periphery?: PeripherySeed;
};

/** The periphery the devnet seed deployed; the CLI finds these by name (`--vault demo`, `--series demo`). */
export type PeripherySeed = {
  router: Address;
  protectionFactory: Address;
  /** Demo ERC-4626 yield vaults (mocks) by name. */
  yieldVaults: Record<string, Address>;
  /** Insured vaults by name. */
  insuredVaults: Record<string, Address>;
  /** Protection series by name; ids and times as decimal strings. */
  series: Record<string, { address: Address; marketId: string; expiry: string }>;
  /** RiskPriceFeed per market id (decimal string). */
  riskFeeds: Record<string, Address>;
  /** The policies the seed bought: the insured vault's first roll, the protection lot. */
  policies: { vault: string; protection: string };
};
