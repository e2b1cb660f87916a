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
 * Number of live protocols per category: the exposure base that turns incident counts into a rate per
 * protocol-year. The incident table has no denominator, so these are stated assumptions of the order
 * of magnitude of DefiLlama's category listings (2023-2025), rounded. docs/risk.md discusses the
 * sensitivity: every frequency scales inversely with these numbers.
 */
export const PROTOCOLS_PER_CATEGORY: Record<Category, number> = {
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

/** Live protocols per chain, same kind of assumption as above; unknown chains use "other". */
export const PROTOCOLS_PER_CHAIN: Record<string, number> = {
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
