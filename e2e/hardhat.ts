// The contracts' Hardhat runtime, created from e2e: contracts/ stays a leaf (it imports no workspace package)
// while these tests and scripts drive its artifacts and in-process chain through the SDK.
import { resolve } from "node:path";
import { createHardhatRuntimeEnvironment, importUserConfig } from "hardhat/hre";

export const contractsRoot: string = resolve(import.meta.dirname, "../contracts");
const configPath = resolve(contractsRoot, "hardhat.config.ts");

const hre = await createHardhatRuntimeEnvironment(
  await importUserConfig(configPath),
  { config: configPath },
  contractsRoot,
);

export const network = hre.network;
export const artifacts = hre.artifacts;
export default hre;
