import { BaseError } from "@backstop/core";

/**
 * Exit codes, one table for every command (docs/cli.md):
 *   0  success
 *   1  runtime or chain failure: a revert, a state the command cannot act on, no node, no deployment,
 *      a wrong password, a declined confirmation
 *   2  usage: unknown command or option, a missing or invalid value, a write on a non-local network
 *      without a terminal to confirm and without --yes
 */
export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2 } as const;

/** An error of the CLI itself; `exitCode` per the table above. */
export class CliError extends BaseError {
  override name = "CliError";
  readonly exitCode: number = EXIT.FAILURE;
}

/** Bad command-line usage; exit 2. */
export class UsageError extends CliError {
  override name = "UsageError";
  override readonly exitCode: number = EXIT.USAGE;
}

/** A command-line value failed validation before anything was sent; exit 2. */
export class InvalidArgumentError extends UsageError {
  override name = "InvalidArgumentError";
  constructor(option: string, value: string, expected: string) {
    super(`invalid ${option} "${value}": expected ${expected}`);
  }
}

/** A required option is missing; exit 2. */
export class MissingArgumentError extends UsageError {
  override name = "MissingArgumentError";
}

/** A write on a non-local network with no terminal to confirm it and no --yes; exit 2. */
export class ConfirmationRequiredError extends UsageError {
  override name = "ConfirmationRequiredError";
}

/** The user answered no at the confirmation prompt; exit 1. */
export class AbortedError extends CliError {
  override name = "AbortedError";
}

/** The network is not in the config file, or the config file is invalid; exit 2. */
export class NetworkConfigError extends UsageError {
  override name = "NetworkConfigError";
}

/** No signer: no keystore account, no $BACKSTOP_PRIVATE_KEY, and not the local network; exit 2. */
export class SignerRequiredError extends UsageError {
  override name = "SignerRequiredError";
}

/** A keystore file is missing, unreadable, or its password is wrong; exit 1. */
export class KeystoreError extends CliError {
  override name = "KeystoreError";
}

/** The JSON-RPC endpoint did not answer. */
export class ChainUnavailableError extends CliError {
  override name = "ChainUnavailableError";
}

/** No deployment is recorded for the chain, or it lacks what a command needs. */
export class DeploymentNotFoundError extends CliError {
  override name = "DeploymentNotFoundError";
}

/** A devnet-only command was run against another chain, or the devnet failed to start. */
export class DevnetError extends CliError {
  override name = "DevnetError";
}

/** A state the command cannot act on (nothing to claim, trigger not fired, ...), with what to do instead. */
export class NotReadyError extends CliError {
  override name = "NotReadyError";
}

/** The market id names no market of the deployment. */
export class MarketNotFoundError extends CliError {
  override name = "MarketNotFoundError";
}

/** A periphery contract named by --vault / --series / --market is not recorded (nor a valid address). */
export class PeripheryNotFoundError extends CliError {
  override name = "PeripheryNotFoundError";
}

/** The pool id names no pool of the deployment. */
export class PoolNotFoundError extends CliError {
  override name = "PoolNotFoundError";
}

/**
 * The market sells no cover now: its trigger is FROZEN (a candidate incident is being confirmed) or
 * TRIGGERED, or governance paused or retired it. `code` names the state (MARKET_FROZEN, ...).
 */
export class MarketNotInsurableError extends CliError {
  override name = "MarketNotInsurableError";
  readonly state: string;
  constructor(marketId: bigint, state: string, why: string) {
    super(`market ${marketId} is ${state}: ${why}`);
    this.state = state;
  }
}

/** The machine-readable code of an error: SCREAMING_SNAKE of its class name without "Error". */
export function errorCode(error: unknown): string {
  if (error instanceof MarketNotInsurableError) return `MARKET_${error.state}`;
  const name = (error as { name?: unknown })?.name;
  const raw = typeof name === "string" && name !== "Error" && name !== "BaseError" ? name : "Error";
  const base = raw.replace(/Error$/, "") || "UNKNOWN";
  return base
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
    .toUpperCase();
}
