import { DEFAULT_CURVE_SHAPE, toCurveParams } from "@backstop/risk";
import type { TriggerKind } from "./seedTypes.ts";

const H = 3_600;
const D = 86_400;

export const GROUPS = [
  "stablecoins",
  "ethereum-l1",
  "usdc",
  "usdt",
  "bridges",
  "lending",
  "dex",
  "cex-custody",
  "restaking",
] as const;
export type GroupName = (typeof GROUPS)[number];

/** Peg rule of the de-peg markets (Etherisc's USDC product): 8-decimal feed units. */
export const PEG = {
  peg: 100_000_000n,
  triggerPrice: 99_500_000n,
  recoveryPrice: 99_900_000n,
  window: 24 * H,
  /** Chainlink's stablecoin heartbeat is 24 h; two hours of slack. */
  maxStaleness: 26 * H,
  minFreshFeeds: 2,
  feedsPerAsset: 3,
} as const;

export const DRAIN = {
  maxDropWad: 5n * 10n ** 17n,
  window: 2 * H,
  buckets: 12,
  confirmDelay: 10 * 60,
} as const;
export const COMMITTEE = { threshold: 2, challengePeriod: D } as const;
export const OPTIMISTIC = { bond: 10_000, liveness: 2 * D } as const;
export const ASSESSORS = { votingPeriod: 3 * D, lateVoteWindow: H, cooldown: D, quorum: 2 } as const;

export type MarketSeed = {
  name: string;
  kind: TriggerKind;
  /** Pegged asset of a peg market. */
  asset?: "USDC" | "USDT";
  groups: readonly GroupName[];
  proportional: boolean;
  deductibleBps: number;
  maturationDelay: number;
  /** Annual rate the book must earn at the kink (the risk engine's pricing target), bps. */
  targetRateBps: number;
};

/**
 * Eight markets over every claim mode and trigger. De-peg markets mature at once: their trigger freezes
 * sales while a de-peg is in progress, so nobody buys into one.
 */
export const MARKETS: readonly MarketSeed[] = [
  m("aave-v3-lending-exploit", "assessed", ["ethereum-l1", "lending"], 250),
  m("uniswap-v4-dex-exploit", "optimistic", ["ethereum-l1", "dex"], 300),
  {
    ...m("usdc-depeg", "peg", ["stablecoins", "usdc"], 120),
    asset: "USDC",
    proportional: true,
    deductibleBps: 0,
    maturationDelay: 0,
  },
  {
    ...m("usdt-depeg", "peg", ["stablecoins", "usdt"], 180),
    asset: "USDT",
    proportional: true,
    deductibleBps: 0,
    maturationDelay: 0,
  },
  { ...m("bridge-drain", "drain", ["bridges", "ethereum-l1"], 600), proportional: true },
  m("exchange-withdrawals-halted", "committee", ["cex-custody"], 400),
  {
    ...m("restaking-slashing", "optimistic", ["restaking", "ethereum-l1"], 350),
    proportional: true,
    deductibleBps: 500,
  },
  m("morpho-blue-lending-exploit", "assessed", ["ethereum-l1", "lending"], 300),
];

function m(name: string, kind: TriggerKind, groups: readonly GroupName[], targetRateBps: number): MarketSeed {
  return { name, kind, groups, proportional: false, deductibleBps: 1_000, maturationDelay: D, targetRateBps };
}

export type PoolSeed = {
  name: string;
  symbol: string;
  curatorFeeBps: number;
  leverageBps: number;
  cooldown: number;
  /** Multiplies each market's target rate: the curator's appetite. */
  rateFactor: number;
  kinkBps: number;
  weights: Record<string, number>;
  groupCaps: Partial<Record<GroupName, number>>;
};

export const POOLS: readonly PoolSeed[] = [
  {
    name: "Blue-chip USDC",
    symbol: "bpBLUE",
    curatorFeeBps: 1_000,
    leverageBps: 20_000,
    cooldown: 7 * D,
    rateFactor: 1,
    kinkBps: 8_000,
    weights: {
      "aave-v3-lending-exploit": 3_000,
      "morpho-blue-lending-exploit": 2_500,
      "usdc-depeg": 3_000,
      "usdt-depeg": 2_000,
      "uniswap-v4-dex-exploit": 2_000,
    },
    groupCaps: {
      stablecoins: 5_000,
      usdc: 3_000,
      usdt: 2_000,
      "ethereum-l1": 6_000,
      lending: 4_000,
      dex: 2_000,
    },
  },
  {
    name: "Stable de-peg USDC",
    symbol: "bpPEG",
    curatorFeeBps: 1_200,
    leverageBps: 15_000,
    cooldown: 14 * D,
    rateFactor: 0.9,
    kinkBps: 8_500,
    weights: { "usdc-depeg": 6_000, "usdt-depeg": 5_000 },
    groupCaps: { stablecoins: 9_000, usdc: 6_000, usdt: 5_000 },
  },
  {
    name: "High-yield USDC",
    symbol: "bpHY",
    curatorFeeBps: 1_500,
    leverageBps: 40_000,
    cooldown: 7 * D,
    rateFactor: 1.3,
    kinkBps: 7_000,
    weights: {
      "bridge-drain": 3_000,
      "exchange-withdrawals-halted": 3_000,
      "restaking-slashing": 3_000,
      "uniswap-v4-dex-exploit": 4_000,
      "usdt-depeg": 3_000,
    },
    groupCaps: {
      bridges: 3_000,
      "cex-custody": 3_000,
      restaking: 3_000,
      "ethereum-l1": 8_000,
      dex: 4_000,
      stablecoins: 3_000,
      usdt: 3_000,
    },
  },
];

/** The pool's curve for a market: the risk engine's curve shape around the scaled target rate. */
export function curveFor(market: MarketSeed, pool: PoolSeed) {
  return toCurveParams({
    ...DEFAULT_CURVE_SHAPE,
    targetRateBps: Math.round(market.targetRateBps * pool.rateFactor),
    kinkBps: pool.kinkBps,
  });
}

/** LP deposits: [LP index, pool index, USDC]. */
export const DEPOSITS: readonly [number, number, number][] = [
  [0, 0, 2_000_000],
  [1, 1, 1_500_000],
  [1, 0, 500_000],
  [2, 2, 1_000_000],
  [2, 1, 500_000],
];

/** Seeded policies: [buyer index, market name, USDC, days]. */
export const POLICIES: readonly [number, string, number, number][] = [
  [0, "usdc-depeg", 250_000, 90],
  [1, "usdt-depeg", 150_000, 90],
  [0, "aave-v3-lending-exploit", 200_000, 180],
  [1, "bridge-drain", 100_000, 60],
  [0, "exchange-withdrawals-halted", 80_000, 90],
  [1, "uniswap-v4-dex-exploit", 120_000, 30],
  [0, "restaking-slashing", 60_000, 90],
  [1, "morpho-blue-lending-exploit", 150_000, 120],
];
