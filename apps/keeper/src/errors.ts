import { BaseError } from "@backstop/core";

/** The keeper was started with options it cannot run with. */
export class KeeperConfigError extends BaseError {
  override name = "KeeperConfigError";
}

/** The state file exists but cannot be read or parsed; the keeper refuses to guess its cursor. */
export class StateFileError extends BaseError {
  override name = "StateFileError";
}

/** The RPC endpoint serves another chain than the deployment's. */
export class ChainMismatchError extends BaseError {
  override name = "ChainMismatchError";
}
