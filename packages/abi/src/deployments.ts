import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Deployment } from "./deployment.ts";

export type { Deployment } from "./deployment.ts";

/** The repository's `deployments/` folder: one `<chainId>.json` per chain. */
export const defaultDeploymentsDir: string = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../deployments",
);

/** The registry file of `chainId`. */
export function deploymentPath(chainId: number, dir: string = defaultDeploymentsDir): string {
  return path.join(dir, `${chainId}.json`);
}

/** The deployment recorded for `chainId`, or undefined when none is. */
export function readDeployment(chainId: number, dir: string = defaultDeploymentsDir): Deployment | undefined {
  const file = deploymentPath(chainId, dir);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as Deployment;
}

/** Records `deployment` under its chain id; returns the file written. */
export function writeDeployment(deployment: Deployment, dir: string = defaultDeploymentsDir): string {
  mkdirSync(dir, { recursive: true });
  const file = deploymentPath(deployment.chainId, dir);
  writeFileSync(file, `${JSON.stringify(deployment, null, 2)}\n`);
  return file;
}
