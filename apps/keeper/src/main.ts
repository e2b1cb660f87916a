#!/usr/bin/env -S node --import tsx
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { type Deployment, readDeployment } from "@backstop/abi/deployments";
import {
  describeError,
  engineTargetRates,
  jsonLogger,
  KEEPER_PRICE_YEARS,
  KeeperConfigError,
  mergeTargets,
  startKeeper,
} from "@backstop/keeper";
import {
  allocateTailCapitalParallel,
  type Calibration,
  loadCalibration,
  type ProtocolFacts,
} from "@backstop/risk";
import { getBook } from "@backstop/sdk";
import { createPublicClient, type Hex, http } from "viem";

const { values } = parseArgs({
  options: {
    rpc: { type: "string" },
    deployment: { type: "string" },
    "chain-id": { type: "string" },
    state: { type: "string" },
    port: { type: "string" },
    "poll-ms": { type: "string" },
    rates: { type: "string" },
    "engine-rates": { type: "string" },
    profiles: { type: "string" },
    "data-dir": { type: "string" },
    "price-years": { type: "string" },
    "reprice-ms": { type: "string" },
  },
});

const env = process.env;
const rpcUrl = values.rpc ?? env.KEEPER_RPC_URL ?? "http://127.0.0.1:8545";
const privateKey = env.KEEPER_PRIVATE_KEY as Hex | undefined;
if (!privateKey) throw new KeeperConfigError("set KEEPER_PRIVATE_KEY (the keeper's signing key)");

const deploymentFile = values.deployment ?? env.KEEPER_DEPLOYMENT;
const chainId = values["chain-id"] ?? env.KEEPER_CHAIN_ID;
let deployment: Deployment | undefined;
if (deploymentFile) deployment = JSON.parse(readFileSync(deploymentFile, "utf8")) as Deployment;
else if (chainId) deployment = readDeployment(Number(chainId));
if (!deployment) {
  throw new KeeperConfigError(
    "no deployment: pass --deployment <file> or --chain-id <id> (deployments/<id>.json)",
  );
}

// Base rates: the risk engine prices every market of the book (default); a rates file (market id ->
// target annual rate, bps) overrides it market by market; --engine-rates off leaves rates to the file alone.
const ratesFile = values.rates ?? env.KEEPER_RATES;
const override = ratesFile
  ? (JSON.parse(readFileSync(ratesFile, "utf8")) as Record<string, number>)
  : undefined;
const engineMode = values["engine-rates"] ?? env.KEEPER_ENGINE_RATES ?? "on";
if (engineMode !== "on" && engineMode !== "off")
  throw new KeeperConfigError(`--engine-rates must be "on" or "off" (got "${engineMode}")`);
const positive = (name: string, raw: string | undefined, fallback: number) => {
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new KeeperConfigError(`${name} must be a positive integer (got "${raw}")`);
  return n;
};
const priceYears = positive(
  "--price-years",
  values["price-years"] ?? env.KEEPER_PRICE_YEARS,
  KEEPER_PRICE_YEARS,
);
const repriceMs = positive("--reprice-ms", values["reprice-ms"] ?? env.KEEPER_REPRICE_MS, 3_600_000);
const profilesFile = values.profiles ?? env.KEEPER_PROFILES;
const catalogue = profilesFile
  ? (JSON.parse(readFileSync(profilesFile, "utf8")) as Record<string, ProtocolFacts>)
  : undefined;
let engineTargets: Record<string, number> = {};
let calibration: Calibration | undefined;
const book = deployment;
const reprice = async () => {
  try {
    calibration ??= loadCalibration(values["data-dir"] ? { dataDir: values["data-dir"] } : {});
    const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 10_000 }) });
    const onchain = await getBook(client, { markets: book.markets, poolLens: book.poolLens });
    const threads = Math.max(1, availableParallelism() - 1);
    const { targets } = await engineTargetRates(onchain, calibration, {
      years: priceYears,
      ...(catalogue ? { catalogue } : {}),
      allocate: (model, o) => allocateTailCapitalParallel(model, { ...o, threads }),
    });
    engineTargets = targets;
    jsonLogger({ level: "info", event: "engine-rates", years: priceYears, targets });
  } catch (err) {
    // Rates stay where they are (or at the override) until a repricing succeeds.
    jsonLogger({ level: "warn", event: "engine-rates-failed", error: describeError(err) });
  }
};
const ratesEnabled = engineMode === "on" || override !== undefined;
if (engineMode === "on") {
  await reprice();
  setInterval(() => void reprice(), repriceMs).unref();
}

const keeper = await startKeeper({
  rpcUrl,
  privateKey,
  deployment,
  stateFile: values.state ?? env.KEEPER_STATE_FILE ?? `keeper-state-${deployment.chainId}.json`,
  port: Number(values.port ?? env.KEEPER_PORT ?? 8080),
  pollIntervalMs: Number(values["poll-ms"] ?? env.KEEPER_POLL_MS ?? 5_000),
  logger: jsonLogger,
  ...(ratesEnabled
    ? {
        rates: {
          enabled: true,
          targetRateBps: (marketId: bigint) => mergeTargets(engineTargets, override)[marketId.toString()],
        },
      }
    : {}),
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void keeper.stop().then(() => process.exit(0));
  });
}
