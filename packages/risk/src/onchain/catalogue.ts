import type { AssetInput } from "../model/profile.ts";
import type { ProtocolFacts } from "./book.ts";

/**
 * External dependencies an on-chain market can name (the example book's assets, plus USDT): annual
 * event probability and severity are the same stated assumptions as apps/cli/examples/portfolio.json.
 */
export const ONCHAIN_ASSETS: readonly AssetInput[] = [
  {
    id: "steth",
    name: "Lido stETH (peg to ETH)",
    annualProbability: 0.04,
    severity: { kind: "depeg", minDepth: 0.01, alpha: 1.5 },
  },
  {
    id: "usdc",
    name: "USDC (peg to USD)",
    annualProbability: 0.03,
    severity: { kind: "depeg", minDepth: 0.005, alpha: 1.2 },
  },
  {
    id: "chainlink",
    name: "Chainlink price feeds",
    annualProbability: 0.01,
    severity: { kind: "exploit", medianLossRatio: 0.05 },
  },
  {
    id: "layerzero",
    name: "LayerZero messaging",
    annualProbability: 0.02,
    severity: { kind: "exploit", medianLossRatio: 0.2 },
  },
];

/**
 * Protocol facts for the markets the devnet lists, keyed by terms name. The chain carries the cover's
 * terms (claim and payout mode, deductible, groups, pools); what the covered protocol is like does not
 * live on chain. Figures are order-of-magnitude profile inputs of the same kind as the example book
 * (TVL in USD, years since launch, audit count, bug bounty ceiling), not cited data; a deployment
 * passes its own catalogue (`backstop risk price --profiles <file>`).
 */
export const DEVNET_PROTOCOLS: Readonly<Record<string, ProtocolFacts>> = {
  "aave-v3-lending-exploit": {
    category: "lending",
    chain: "ethereum",
    tvlUsd: 25e9,
    tvlHistoryUsd: [18e9, 20e9, 22e9, 24e9, 25e9],
    ageYears: 2.9,
    audits: 6,
    bugBountyUsd: 1_000_000,
    admin: { keys: "timelock", upgradeable: true },
    oracles: ["chainlink"],
    dependencies: [
      { on: "chainlink", passThrough: 0.5 },
      { on: "steth", passThrough: 0.3 },
      { on: "usdc", passThrough: 0.2 },
    ],
  },
  "morpho-blue-lending-exploit": {
    category: "lending",
    chain: "ethereum",
    tvlUsd: 4e9,
    ageYears: 2,
    audits: 10,
    bugBountyUsd: 2_500_000,
    admin: { keys: "none", upgradeable: false },
    oracles: ["chainlink"],
    dependencies: [
      { on: "chainlink", passThrough: 0.5 },
      { on: "usdc", passThrough: 0.3 },
    ],
  },
  "uniswap-v4-dex-exploit": {
    category: "dex",
    chain: "ethereum",
    tvlUsd: 1e9,
    ageYears: 1,
    audits: 9,
    bugBountyUsd: 15_500_000,
    admin: { keys: "none", upgradeable: false },
    oracles: [],
  },
  "usdc-depeg": {
    category: "stablecoin",
    chain: "ethereum",
    tvlUsd: 60e9,
    ageYears: 7,
    audits: 4,
    admin: { keys: "multisig", upgradeable: true },
    oracles: ["chainlink"],
  },
  "usdt-depeg": {
    category: "stablecoin",
    chain: "ethereum",
    tvlUsd: 150e9,
    ageYears: 11,
    audits: 0,
    admin: { keys: "multisig", upgradeable: true },
    oracles: ["chainlink"],
  },
  "bridge-drain": {
    category: "bridge",
    chain: "ethereum",
    tvlUsd: 350e6,
    ageYears: 3.5,
    audits: 4,
    bugBountyUsd: 1_000_000,
    admin: { keys: "multisig", upgradeable: true },
    oracles: [],
    dependencies: [{ on: "layerzero", passThrough: 1 }],
  },
  "exchange-withdrawals-halted": {
    category: "exchange-custody",
    chain: "ethereum",
    tvlUsd: 10e9,
    ageYears: 6,
    audits: 1,
    admin: { keys: "multisig", upgradeable: true },
    oracles: [],
  },
  "restaking-slashing": {
    category: "restaking",
    chain: "ethereum",
    tvlUsd: 6e9,
    ageYears: 1.8,
    audits: 3,
    bugBountyUsd: 200_000,
    admin: { keys: "multisig", upgradeable: true },
    oracles: ["chainlink"],
    dependencies: [{ on: "steth", passThrough: 0.5 }],
  },
};
