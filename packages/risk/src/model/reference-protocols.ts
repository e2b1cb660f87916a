import { type MarketProfile, type MarketProfileInput, marketProfileSchema } from "./profile.ts";

/**
 * The protocols over which the risk-factor multipliers are normalised to a mean of one: the
 * exploit-peril markets of the example book (apps/cli/examples/portfolio.json), whose attributes
 * (audits, admin keys, oracles, TVL, age) are stated there. The incident table carries none of
 * these attributes, so this is the only set of protocols with every factor known; docs/risk.md
 * says what this implies.
 */
const REFERENCE_INPUTS: MarketProfileInput[] = [
  {
    id: "aave-v3-eth",
    name: "Aave v3 Ethereum: smart-contract exploit",
    category: "lending",
    chain: "ethereum",
    tvlUsd: 25000000000,
    tvlHistoryUsd: [18000000000.0, 20000000000.0, 22000000000.0, 24000000000.0, 25000000000.0],
    ageYears: 2.9,
    audits: 6,
    bugBountyUsd: 1000000,
    admin: {
      keys: "timelock",
      upgradeable: true,
    },
    oracles: ["chainlink"],
  },
  {
    id: "compound-v3-eth",
    name: "Compound v3 Ethereum: smart-contract exploit",
    category: "lending",
    chain: "ethereum",
    tvlUsd: 2500000000,
    ageYears: 3.3,
    audits: 4,
    bugBountyUsd: 1000000,
    admin: {
      keys: "timelock",
      upgradeable: true,
    },
    oracles: ["chainlink"],
  },
  {
    id: "curve-3pool",
    name: "Curve 3pool: smart-contract exploit",
    category: "dex",
    chain: "ethereum",
    tvlUsd: 180000000,
    tvlHistoryUsd: [400000000.0, 300000000.0, 250000000.0, 200000000.0, 180000000.0],
    ageYears: 5.5,
    audits: 3,
    bugBountyUsd: 250000,
    admin: {
      keys: "multisig",
      upgradeable: false,
    },
    oracles: [],
    incidents: [
      {
        date: "2023-07-30",
        lossUsd: 70000000,
      },
    ],
  },
  {
    id: "curve-steth",
    name: "Curve stETH/ETH pool: smart-contract exploit",
    category: "dex",
    chain: "ethereum",
    tvlUsd: 250000000,
    ageYears: 4.9,
    audits: 3,
    bugBountyUsd: 250000,
    admin: {
      keys: "multisig",
      upgradeable: false,
    },
    oracles: [],
  },
  {
    id: "uniswap-v3-arb",
    name: "Uniswap v3 Arbitrum: smart-contract exploit",
    category: "dex",
    chain: "arbitrum",
    tvlUsd: 400000000,
    ageYears: 4.5,
    audits: 5,
    bugBountyUsd: 3000000,
    admin: {
      keys: "none",
      upgradeable: false,
    },
    oracles: [],
  },
  {
    id: "lido-steth",
    name: "Lido stETH de-peg",
    category: "liquid-staking",
    chain: "ethereum",
    tvlUsd: 30000000000,
    ageYears: 5,
    audits: 8,
    bugBountyUsd: 2000000,
    admin: {
      keys: "timelock",
      upgradeable: true,
    },
    oracles: ["chainlink"],
  },
  {
    id: "etherfi-weeth",
    name: "ether.fi weETH: restaking de-peg",
    category: "restaking",
    chain: "ethereum",
    tvlUsd: 6000000000,
    ageYears: 1.8,
    audits: 3,
    bugBountyUsd: 200000,
    admin: {
      keys: "multisig",
      upgradeable: true,
    },
    oracles: ["chainlink"],
  },
  {
    id: "stargate-bridge",
    name: "Stargate bridge: drained",
    category: "bridge",
    chain: "ethereum",
    tvlUsd: 350000000,
    tvlHistoryUsd: [600000000.0, 500000000.0, 420000000.0, 380000000.0, 350000000.0],
    ageYears: 3.5,
    audits: 4,
    bugBountyUsd: 15000000,
    admin: {
      keys: "multisig",
      upgradeable: true,
    },
    oracles: [],
  },
  {
    id: "across-bridge",
    name: "Across bridge: drained",
    category: "bridge",
    chain: "arbitrum",
    tvlUsd: 120000000,
    ageYears: 3,
    audits: 3,
    bugBountyUsd: 1000000,
    admin: {
      keys: "multisig",
      upgradeable: true,
    },
    oracles: ["custom"],
  },
  {
    id: "gmx-v2-arb",
    name: "GMX v2 Arbitrum: smart-contract exploit",
    category: "derivatives",
    chain: "arbitrum",
    tvlUsd: 450000000,
    ageYears: 2.3,
    audits: 4,
    bugBountyUsd: 5000000,
    admin: {
      keys: "timelock",
      upgradeable: true,
    },
    oracles: ["chainlink", "custom"],
    incidents: [
      {
        date: "2025-07-09",
        lossUsd: 42000000,
      },
    ],
  },
  {
    id: "yearn-v3-vaults",
    name: "Yearn v3 vaults: smart-contract exploit",
    category: "yield",
    chain: "ethereum",
    tvlUsd: 300000000,
    ageYears: 1.9,
    audits: 3,
    bugBountyUsd: 200000,
    admin: {
      keys: "multisig",
      upgradeable: false,
    },
    oracles: [],
  },
];

export const REFERENCE_PROTOCOLS: MarketProfile[] = REFERENCE_INPUTS.map((p) => marketProfileSchema.parse(p));
