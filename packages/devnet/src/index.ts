export { DEV_MNEMONIC, devPrivateKey, devWallets, KEEPER_INDEX } from "./accounts.ts";
export { buildContracts } from "./build.ts";
export {
  connectRead,
  DEVNET_CHAIN_ID,
  type ReadContext,
  type Registry,
  type Signer,
  write,
} from "./chain.ts";
export {
  DEV_SERVICES,
  DEV_USAGE,
  type DevService,
  type DevServiceFactory,
  DevUsageError,
  runDev,
} from "./cli.ts";
export { advanceTime, heartbeat, readFeed, setFeedPrice } from "./controls.ts";
export { DevnetError, PortInUseError } from "./errors.ts";
export { type RunningKeeper, startDevKeeper } from "./keeper.ts";
export { answers, type LocalNode, startLocalNode } from "./node.ts";
export {
  devnetDeploymentsDir,
  devnetDir,
  devnetFiles,
  devnetPortOf,
  readDevnetDeployment,
  repoRoot,
  stateRoot,
} from "./paths.ts";
export { assertPortFree } from "./ports.ts";
export { ROLES_BY_INDEX, seedDevnet } from "./seed.ts";
export type { SeedInfo, TriggerKind } from "./seedTypes.ts";
export { DEVNET_GOVERNANCE_DELAY, type Devnet, type StartDevnetParameters, startDevnet } from "./start.ts";
export { formatStatus, marketStateOf, readStatus, type Status } from "./summary.ts";
