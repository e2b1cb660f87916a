#!/usr/bin/env -S node --import tsx
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type Deployment, readDeployment } from "@backstop/abi";
import type { Hex } from "viem";
import { KeeperConfigError } from "./errors.ts";
import { startKeeper } from "./keeper.ts";
import { jsonLogger } from "./log.ts";

const { values } = parseArgs({
  options: {
    rpc: { type: "string" },
    deployment: { type: "string" },
    "chain-id": { type: "string" },
    state: { type: "string" },
    port: { type: "string" },
    "poll-ms": { type: "string" },
    rates: { type: "string" },
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

const ratesFile = values.rates ?? env.KEEPER_RATES;
const keeper = await startKeeper({
  rpcUrl,
  privateKey,
  deployment,
  stateFile: values.state ?? env.KEEPER_STATE_FILE ?? `keeper-state-${deployment.chainId}.json`,
  port: Number(values.port ?? env.KEEPER_PORT ?? 8080),
  pollIntervalMs: Number(values["poll-ms"] ?? env.KEEPER_POLL_MS ?? 5_000),
  logger: jsonLogger,
  ...(ratesFile
    ? {
        rates: {
          enabled: true,
          targetRateBps: JSON.parse(readFileSync(ratesFile, "utf8")) as Record<string, number>,
        },
      }
    : {}),
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void keeper.stop().then(() => process.exit(0));
  });
}
