/** Market categories the engine prices. "token" is a token contract; "other" is anything unclassified. */
export const CATEGORIES = [
  "lending",
  "dex",
  "bridge",
  "stablecoin",
  "liquid-staking",
  "restaking",
  "exchange-custody",
  "yield",
  "derivatives",
  "token",
  "other",
] as const;

export type Category = (typeof CATEGORIES)[number];

/** Categories whose insured event is a price de-peg rather than a contract drain. */
export const PEG_CATEGORIES: ReadonlySet<Category> = new Set(["stablecoin", "liquid-staking", "restaking"]);

/**
 * Prior (rounded assumption, DefiLlama order of magnitude 2023-2025) per category. Used only where the
 * cited table data/exposure/defi_protocol_counts.csv has no count: such a category gets prior x the
 * geometric mean of cited / prior over the cited categories (model/exposure.ts).
 */
export const ASSUMED_PROTOCOLS_PER_CATEGORY: Record<Category, number> = {
  lending: 500,
  dex: 1500,
  bridge: 120,
  stablecoin: 150,
  "liquid-staking": 200,
  restaking: 50,
  "exchange-custody": 100,
  yield: 800,
  derivatives: 300,
  token: 2000,
  other: 1000,
};

/** Prior per chain, same role as above; unknown chains use "other". */
export const ASSUMED_PROTOCOLS_PER_CHAIN: Record<string, number> = {
  ethereum: 1200,
  bsc: 900,
  arbitrum: 700,
  base: 500,
  polygon: 600,
  avalanche: 400,
  optimism: 350,
  fantom: 250,
  other: 1500,
};

/**
 * Engine category -> DefiLlama listing categories in data/exposure/defi_protocol_counts.csv whose counts
 * (one snapshot) add up to it. Categories not listed here have no cited count ("other" takes the
 * residual of the all-DeFi total).
 */
export const CATEGORY_COUNT_SOURCES: Partial<Record<Category, readonly string[]>> = {
  lending: ["lending"],
  dex: ["dex"],
  bridge: ["bridge"],
  stablecoin: ["cdp", "algo-stablecoin"],
  "liquid-staking": ["liquid-staking"],
  yield: ["yield", "yield-aggregator"],
  derivatives: ["derivatives", "synthetics", "options"],
};

/**
 * Number of live protocols per category: the exposure base that turns incident counts into a rate per
 * protocol-year. Derived from the cited table by `deriveProtocolCounts` (model/exposure.ts) for the
 * 2021-2025 window and kept here for pure callers (loadCalibration recomputes it from data/);
 * exposure.test.ts fails if these drift from the derivation. Cited (CSV line): lending 258 (26),
 * dex 716 (18), bridge 41 (30), stablecoin 94 CDP + 46 algo-stables (28-29), liquid-staking 71 (20),
 * yield 355 + 90 aggregators (32-33), derivatives 124 + 30 synthetics + 38 options (34-36). Residual:
 * other = 2,489 listed with TVL (37) - 1,863 cited. Scaled assumptions (prior x 0.5174): restaking,
 * exchange-custody, token. docs/risk.md discusses the sensitivity.
 */
export const PROTOCOLS_PER_CATEGORY: Record<Category, number> = {
  lending: 258,
  dex: 716,
  bridge: 41,
  stablecoin: 140,
  "liquid-staking": 71,
  restaking: 26,
  "exchange-custody": 52,
  yield: 445,
  derivatives: 192,
  token: 1035,
  other: 626,
};

/**
 * Live protocols per chain, derived the same way: cited ethereum 752 (Apr 2023), bsc 484 (end 2022),
 * base 366 (late 2024); the others are priors x 0.6272. Unknown chains use "other".
 */
export const PROTOCOLS_PER_CHAIN: Record<string, number> = {
  ethereum: 752,
  bsc: 484,
  arbitrum: 439,
  base: 366,
  polygon: 376,
  avalanche: 251,
  optimism: 220,
  fantom: 157,
  other: 941,
};
