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

/**
 * The RPC started serving another chain (a restart, a failover to another node, a deep reorg) while a tick was
 * deriving or sending an action: what the tick read no longer describes the chain it would act on. Retryable:
 * the tick is abandoned and the next one starts from the new chain's state.
 */
export class ChainChangedError extends BaseError {
  override name = "ChainChangedError";
}
