import { BaseError } from "@backstop/core";

/** A command-line value failed validation before anything was sent. */
export class InvalidArgumentError extends BaseError {
  override name = "InvalidArgumentError";
  constructor(option: string, value: string, expected: string) {
    super(`invalid ${option} "${value}": expected ${expected}`);
  }
}

/** The JSON-RPC endpoint did not answer. */
export class ChainUnavailableError extends BaseError {
  override name = "ChainUnavailableError";
}

/** No deployment is recorded for the chain, or it lacks what a command needs. */
export class DeploymentNotFoundError extends BaseError {
  override name = "DeploymentNotFoundError";
}

/** A devnet-only command was run against another chain, or the devnet failed to start. */
export class DevnetError extends BaseError {
  override name = "DevnetError";
}

/** A state the command cannot act on (nothing to claim, trigger not fired, ...), with what to do instead. */
export class NotReadyError extends BaseError {
  override name = "NotReadyError";
}

/** The market id names no market of the deployment. */
export class MarketNotFoundError extends BaseError {
  override name = "MarketNotFoundError";
}
