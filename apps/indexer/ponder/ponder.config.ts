// Ponder configuration, entirely from the environment (set by src/start.ts, see docs/api.md):
// BACKSTOP_RPC_URL, BACKSTOP_CHAIN_ID, BACKSTOP_DEPLOYMENT (a deployment JSON file; default: the registry's
// deployments/<chainId>.json), BACKSTOP_PGLITE_DIR, DATABASE_URL (PostgreSQL instead of PGlite).
import { readFileSync } from "node:fs";
import {
  assessedClaimsAbi,
  coverManagerAbi,
  type Deployment,
  marketsAbi,
  poolAbi,
  settlementAbi,
  triggerBaseAbi,
} from "@backstop/abi";
import { readDeployment } from "@backstop/abi/deployments";
import { createConfig, factory } from "ponder";
import { getAbiItem } from "viem";

const chainId = Number(process.env.BACKSTOP_CHAIN_ID ?? 31337);
const rpcUrl = process.env.BACKSTOP_RPC_URL ?? "http://127.0.0.1:8545";
const file = process.env.BACKSTOP_DEPLOYMENT;
const deployment: Deployment | undefined = file
  ? (JSON.parse(readFileSync(file, "utf8")) as Deployment)
  : readDeployment(chainId);
if (!deployment) throw new TypeError(`no deployment for chain ${chainId}: set BACKSTOP_DEPLOYMENT`);
const startBlock = deployment.startBlock ?? 0;
const chain = { backstop: { startBlock } } as const;

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: process.env.BACKSTOP_PGLITE_DIR ?? `.ponder/pglite-${chainId}` },
  chains: {
    backstop: {
      id: chainId,
      rpc: rpcUrl,
      pollingInterval: Number(process.env.BACKSTOP_POLLING_MS ?? 250),
      // A development chain restarts with a new history under the same id: never reuse cached RPC results.
      disableCache: chainId === 31337,
      // Blocks with hundreds of events each (benchmarks) need small eth_getLogs ranges.
      ...(process.env.BACKSTOP_GETLOGS_RANGE
        ? { ethGetLogsBlockRange: Number(process.env.BACKSTOP_GETLOGS_RANGE) }
        : {}),
    },
  },
  contracts: {
    Markets: { abi: marketsAbi, chain, address: deployment.markets },
    CoverManager: {
      abi: coverManagerAbi,
      chain,
      address: deployment.coverManager,
      // Candidate pools that filled nothing still release expired cover: read them from the call.
      includeTransactionReceipts: false,
    },
    Settlement: { abi: settlementAbi, chain, address: deployment.settlement },
    AssessedClaims: { abi: assessedClaimsAbi, chain, address: deployment.assessedClaims },
    Pool: {
      abi: poolAbi,
      chain,
      address: factory({
        address: deployment.markets,
        event: getAbiItem({ abi: marketsAbi, name: "PoolRegistered" }),
        parameter: "pool",
      }),
    },
    Trigger: {
      abi: triggerBaseAbi,
      chain,
      address: factory({
        address: deployment.markets,
        event: getAbiItem({ abi: marketsAbi, name: "MarketCreated" }),
        parameter: "trigger",
      }),
    },
  },
  blocks: {
    Head: { chain, interval: 1 },
  },
});
