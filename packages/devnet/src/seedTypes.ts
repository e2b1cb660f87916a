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
};
