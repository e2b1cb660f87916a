import { BaseError } from "@backstop/core";
import type { Address, Hash } from "viem";

/**
 * A transaction succeeded but its receipt lacks the event the action reads its result from (a policy id, the
 * shares minted, ...): the address is not the contract the action expects (a wrong deployment, another
 * version), so returning a default would hide the mistake.
 */
export class MissingEventError extends BaseError {
  override name = "MissingEventError";
  /** The action that expected the event, e.g. `buyCover`. */
  readonly action: string;
  /** The event's name, e.g. `CoverBought`. */
  readonly eventName: string;
  /** The contract the transaction called. */
  readonly address: Address | undefined;
  /** The transaction. */
  readonly hash: Hash | undefined;

  constructor(params: {
    action: string;
    eventName: string;
    address?: Address | undefined;
    hash?: Hash | undefined;
  }) {
    super(
      `${params.action}: the transaction${params.hash ? ` ${params.hash}` : ""} succeeded but emitted no ${params.eventName} event${params.address ? ` from ${params.address}` : ""}`,
      {
        hint: "check that the address is the deployment's contract (and the SDK matches its version)",
        context: { ...params },
      },
    );
    this.action = params.action;
    this.eventName = params.eventName;
    this.address = params.address;
    this.hash = params.hash;
  }
}

/** Why an EIP-2612 permit failed. */
export type PermitFailureReason = "expired" | "nonce" | "signer" | "rejected";

/**
 * A purchase paid by an EIP-2612 permit failed and the permit is why: its deadline passed (by the chain's
 * clock), it was signed for a stale nonce, or by another key than the owner. The contract swallows a failed
 * permit (front-running protection), so the purchase itself reverts later with ERC20InsufficientAllowance;
 * this error says what happened to the permit. `cause` is the purchase's error.
 */
export class PermitFailedError extends BaseError {
  override name = "PermitFailedError";
  readonly reason: PermitFailureReason;
  readonly token: Address;
  readonly owner: Address;
  readonly spender: Address;
  readonly deadline: bigint;

  constructor(params: {
    reason: PermitFailureReason;
    /** What exactly failed, e.g. "the deadline 1700003600 is before the chain's time 1700007200". */
    explanation: string;
    token: Address;
    owner: Address;
    spender: Address;
    deadline: bigint;
    cause?: unknown;
  }) {
    const hint = {
      expired:
        "sign a new permit with a deadline after the chain's current time (omit `deadline` to use chain time + 1 hour)",
      nonce: "sign a new permit: the token's nonce for the owner has moved (another permit was used)",
      signer: "sign the permit with the owner's key, for this token's EIP-712 domain",
      rejected: "sign a new permit, or approve the spender instead (`permit: false`)",
    }[params.reason];
    super(`the permit failed: ${params.explanation}`, {
      hint,
      cause: params.cause,
      context: {
        reason: params.reason,
        token: params.token,
        owner: params.owner,
        spender: params.spender,
        deadline: params.deadline,
      },
    });
    this.reason = params.reason;
    this.token = params.token;
    this.owner = params.owner;
    this.spender = params.spender;
    this.deadline = params.deadline;
  }
}
