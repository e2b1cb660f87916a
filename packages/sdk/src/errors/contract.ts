import { BaseError } from "@backstop/core";
import { formatAmount, formatBps } from "./format.ts";

const MARKET_STATUS = ["NONE", "ACTIVE", "PAUSED", "TRIGGERED", "RETIRED"] as const;
const TRIGGER_STATE = ["ACTIVE", "FROZEN", "TRIGGERED"] as const;
const CLAIM_STATUS = ["NONE", "FAST_TRACK", "VOTING", "APPROVED", "DENIED", "VOIDED", "PAID"] as const;

/** Options that shape messages: the cover asset's decimals. */
export type FormatOptions = { decimals?: number };

/** A call reverted with one of the protocol's custom errors. */
export class ContractRevertError extends BaseError {
  override name = "ContractRevertError";
  /** The Solidity error's name, e.g. `PremiumTooHigh`. */
  readonly errorName: string;
  /** The error's arguments, in order. */
  readonly args: readonly unknown[];

  constructor(
    errorName: string,
    args: readonly unknown[],
    options: { details?: string; cause?: unknown } = {},
  ) {
    super(`${errorName}: ${describe(errorName, args, {})}`, options);
    this.errorName = errorName;
    this.args = args;
  }
}

/** The candidate pools cannot fill the whole amount. */
export class InsufficientCapacityError extends ContractRevertError {
  override name = "InsufficientCapacityError";
}

/** The premium plus commission exceeds the buyer's maxPremium. */
export class PremiumTooHighError extends ContractRevertError {
  override name = "PremiumTooHighError";
}

/** The market does not sell cover now (paused, triggered, retired, or its trigger is frozen). */
export class MarketClosedError extends ContractRevertError {
  override name = "MarketClosedError";
}

/**
 * A withdrawal cannot proceed: not claimable yet, more than requested, capital is locked, or an ERC-4626 preview
 * was asked of the asynchronous (ERC-7540) exit.
 */
export class WithdrawalError extends ContractRevertError {
  override name = "WithdrawalError";
}

/** The caller lacks the role or ownership the call needs. */
export class UnauthorizedError extends ContractRevertError {
  override name = "UnauthorizedError";
}

/** The market is already settled (or, for sweep, already swept): the action has nothing left to do. */
export class AlreadySettledError extends ContractRevertError {
  override name = "AlreadySettledError";
}

/** The market's trigger has not fired, or the market has not been settled yet. */
export class NotSettledError extends ContractRevertError {
  override name = "NotSettledError";
}

/** A parametric claim cannot pay this policy: already paid, outside the incident, or the window closed. */
export class ClaimRejectedError extends ContractRevertError {
  override name = "ClaimRejectedError";
}

/** An assessed claim is not in the status or time the call needs (too early, window closed, wrong status). */
export class ClaimStatusError extends ContractRevertError {
  override name = "ClaimStatusError";
}

/** A curator's setting is outside its bounds or below what the pool already carries. */
export class PoolConfigError extends ContractRevertError {
  override name = "PoolConfigError";
}

/** A risk-increasing curator change is queued behind the pool's timelock: repeat the same call after it. */
export class TimelockPendingError extends ContractRevertError {
  override name = "TimelockPendingError";
}

/** A market's list of backing pools cannot change this way (full, not listed, or the pool still backs it). */
export class MarketPoolsError extends ContractRevertError {
  override name = "MarketPoolsError";
}

/** The transaction left too little gas for a payout's receiver callback: resend with a higher gas limit. */
export class InsufficientGasError extends ContractRevertError {
  override name = "InsufficientGasError";
}

/** A revert the SDK could not decode into a protocol error. */
export class UnknownRevertError extends BaseError {
  override name = "UnknownRevertError";
}

const classes: Record<string, typeof ContractRevertError> = {
  InsufficientCapacity: InsufficientCapacityError,
  PremiumTooHigh: PremiumTooHighError,
  MarketNotActive: MarketClosedError,
  TriggerNotActive: MarketClosedError,
  ProtocolPaused: MarketClosedError,
  RequestNotClaimable: WithdrawalError,
  AsyncRedeem: WithdrawalError,
  NoAssessorGroup: MarketClosedError,
  AlreadySwept: AlreadySettledError,
  NotSwept: NotSettledError,
  NotPaid: ClaimRejectedError,
  AlreadyToppedUp: ClaimRejectedError,
  NothingToPay: ClaimRejectedError,
  InsufficientCallbackGas: InsufficientGasError,
  TimelockPending: TimelockPendingError,
  TooManyPools: MarketPoolsError,
  NotMarketPool: MarketPoolsError,
  PoolStillBacking: MarketPoolsError,
  RateBelowFloor: PoolConfigError,
  InvalidTimelock: PoolConfigError,
  FeeTooHigh: PoolConfigError,
  InvalidKink: PoolConfigError,
  WeightTooHigh: PoolConfigError,
  GroupCapTooHigh: PoolConfigError,
  GroupCapBelowExposure: PoolConfigError,
  InvalidLeverage: PoolConfigError,
  LeverageBelowExposure: PoolConfigError,
  TooManyMarkets: PoolConfigError,
  InvalidCooldown: PoolConfigError,
  ExceedsRequest: WithdrawalError,
  InsufficientFreeCapital: WithdrawalError,
  Unauthorized: UnauthorizedError,
  AccessManagedUnauthorized: UnauthorizedError,
  NotPolicyOwner: UnauthorizedError,
  NotAssessor: UnauthorizedError,
  AlreadySettled: AlreadySettledError,
  NotSettled: NotSettledError,
  TriggerNotFired: NotSettledError,
  AlreadyPaid: ClaimRejectedError,
  StartedAfterIncident: ClaimRejectedError,
  ExpiredBeforeIncident: ClaimRejectedError,
  ClaimWindowClosed: ClaimRejectedError,
  ClaimWindowOpen: ClaimStatusError,
  NotCovered: ClaimRejectedError,
  ClaimTooLarge: ClaimRejectedError,
  ClaimExists: ClaimRejectedError,
  WrongClaimStatus: ClaimStatusError,
  ChallengeWindowClosed: ClaimStatusError,
  TooEarly: ClaimStatusError,
  AlreadyVoted: ClaimStatusError,
  VotingClosed: ClaimStatusError,
};

/** Builds the typed error for a decoded revert, with a message saying what to change. */
export function contractError(
  errorName: string,
  args: readonly unknown[],
  options: FormatOptions & { cause?: unknown } = {},
): ContractRevertError {
  const Cls = classes[errorName] ?? ContractRevertError;
  const err = new Cls(errorName, args, { cause: options.cause });
  const message = `${errorName}: ${describe(errorName, args, options)}`;
  Object.defineProperty(err, "shortMessage", { value: message });
  err.message = message;
  return err;
}

/** A bytes32 reason code as text ("0x6c6f6e67..." -> "long"). */
function reason(value: unknown): string {
  const hex = String(value)
    .replace(/^0x/, "")
    .replace(/(00)+$/, "");
  const text = Buffer.from(hex, "hex").toString("utf8");
  return /^[\x20-\x7e]+$/.test(text) ? text : String(value);
}

/** A readable sentence for each protocol error. */
export function describe(
  errorName: string,
  args: readonly unknown[],
  { decimals = 6 }: FormatOptions,
): string {
  const n = (i: number): bigint => BigInt(args[i] as bigint | number);
  const amt = (i: number): string => formatAmount(n(i), decimals);
  const s = (i: number): string => String(args[i]);
  switch (errorName) {
    case "PremiumTooHigh":
      return `premium ${amt(0)} exceeds maxPremium ${amt(1)}; raise maxPremium or reduce the amount`;
    case "InsufficientCapacity":
      return `market ${s(0)}: the pools can fill ${amt(2)} of the ${amt(1)} requested; reduce the amount to at most ${amt(2)} or add pools with free capacity`;
    case "PeriodOutOfBounds":
      return `period ${s(0)}s is outside the market's [${s(1)}s, ${s(2)}s]; choose a period in that range`;
    case "MarketNotActive":
      return `market ${s(0)} is ${MARKET_STATUS[Number(n(1))] ?? s(1)} and sells no cover; pick an ACTIVE market`;
    case "TriggerNotActive":
      return `market ${s(0)}'s trigger is ${TRIGGER_STATE[Number(n(1))] ?? s(1)}; cover and withdrawals wait until it is ACTIVE again (or the incident is settled)`;
    case "ProtocolPaused":
      return "new cover is paused protocol-wide; retry after the guardian resumes it";
    case "ZeroAmount":
      return "the amount is zero; pass a positive amount";
    case "ZeroAddress":
      return "an address argument is zero; pass a real address";
    case "Unauthorized":
    case "AccessManagedUnauthorized":
      return `${s(0)} may not call this; use the account that holds the required role`;
    case "UnknownMarket":
      return `market ${s(0)} does not exist; list markets with getMarkets`;
    case "UnknownPool":
      return `pool ${s(0)} does not exist; list pools with getPools`;
    case "DuplicatePool":
      return `pool ${s(0)} appears twice in the candidate list; list each pool once`;
    case "InvalidPoolCount":
      return `${s(0)} candidate pools given; pass between 1 and ${s(1)}`;
    case "CommissionTooHigh":
      return `commission ${formatBps(n(0))} exceeds the cap ${formatBps(n(1))}; lower commissionBps`;
    case "CommissionWithoutIntegrator":
      return "a commission needs an integrator address to receive it; set integrator or commissionBps = 0";
    case "RequestNotClaimable":
      return `${s(0)} has no redeem request claimable now (claimable at ${s(1)}); wait for the cooldown or call requestRedeem first`;
    case "ExceedsRequest":
      return `redeeming ${s(1)} shares but the request holds ${s(2)}; redeem at most the requested shares`;
    case "InsufficientFreeCapital":
      return `withdrawing ${amt(0)} but only ${amt(1)} is free of active cover; withdraw at most ${amt(1)} or wait for cover to expire`;
    case "DepositorNotAllowed":
      return `${s(0)} is not allowed by this pool's deposit gate; use an allowed receiver or another pool`;
    case "AssetNotAllowed":
      return `${s(0)} is not an allowed cover asset; use a governance-approved stablecoin`;
    case "AssetMismatch":
      return `the pool's asset ${s(0)} differs from the market's ${s(1)}; use a pool over the market's asset`;
    case "ERC20InsufficientAllowance":
      return `allowance ${amt(1)} is below the ${amt(2)} needed by ${s(0)}; approve more or use a permit`;
    case "ERC20InsufficientBalance":
      return `${s(0)} holds ${amt(1)} but needs ${amt(2)}; fund the account`;
    case "ERC2612ExpiredSignature":
      return `the permit expired at ${s(0)}; sign a new permit with a later deadline`;
    case "ERC2612InvalidSigner":
      return `the permit was signed by ${s(0)}, not the owner ${s(1)}; sign with the owner's key`;
    case "WrongClaimMode":
      return `market ${s(0)} uses the other claim mode; parametric markets settle and claim, assessed markets take submitClaim`;
    case "TriggerNotFired":
      return `market ${s(0)}'s trigger is ${TRIGGER_STATE[Number(n(1))] ?? s(1)}; settle once it is TRIGGERED (poke it first)`;
    case "AlreadySettled":
      return `market ${s(0)} is already settled (or its reserve already swept); nothing to do`;
    case "NotSettled":
      return `market ${s(0)} is not settled; call settle first`;
    case "AlreadyPaid":
      return `policy ${s(0)} was already paid; a policy pays once`;
    case "StartedAfterIncident":
      return `policy ${s(0)} started at ${s(1)}, after the incident at ${s(2)}; it does not cover this incident`;
    case "ExpiredBeforeIncident":
      return `policy ${s(0)} ended at ${s(1)}, before the incident at ${s(2)}; it does not cover this incident`;
    case "ClaimWindowClosed":
      return `the claim window closed at ${s(0)}; claims are no longer accepted`;
    case "ClaimWindowOpen":
      return `the claim window is open until ${s(0)}; sweep after it closes`;
    case "NotPolicyOwner":
      return `${s(1)} does not own policy ${s(0)}; submit from the policy owner's account`;
    case "ClaimTooLarge":
      return `claiming ${amt(0)} but the policy pays at most ${amt(1)}; claim at most ${amt(1)}`;
    case "NotCovered":
      return `policy ${s(0)} covers [${s(1)}, ${s(2)}] (plus the claim window); it is not claimable now`;
    case "ClaimExists":
      return `policy ${s(0)} already has open claim ${s(1)}; wait for it to end`;
    case "UnknownClaim":
      return `claim ${s(0)} does not exist`;
    case "WrongClaimStatus":
      return `claim ${s(0)} is ${CLAIM_STATUS[Number(n(1))] ?? s(1)}; this call needs another status`;
    case "ChallengeWindowClosed":
      return `claim ${s(0)}'s challenge window closed at ${s(1)}`;
    case "TooEarly":
      return `claim ${s(0)} cannot move before ${s(1)}; retry after that time`;
    case "NotAssessor":
      return `${s(0)} is not an assessor of this market's group`;
    case "AlreadyVoted":
      return `${s(1)} already voted on claim ${s(0)}`;
    case "VotingClosed":
      return `voting on claim ${s(0)} ended at ${s(1)}; finalize it`;
    case "NoAssessorGroup":
      return `market ${s(0)} has no assessor group; governance must assign one before cover is sold or claims are voted`;
    case "InvalidStatusTransition":
      return `market ${s(0)} cannot move from ${MARKET_STATUS[Number(n(1))] ?? s(1)} to ${MARKET_STATUS[Number(n(2))] ?? s(2)}`;
    case "InvalidMarketParams":
      return `invalid market parameters (${reason(args[0])}); fix them and retry`;
    case "InvalidAssessorParams":
      return `invalid assessor group parameters (${reason(args[0])}); fix them and retry`;
    case "UnknownGroup":
      return `correlation group ${s(0)} does not exist; create it first`;
    case "TooManyGroups":
      return "the registry already has the most correlation groups it can hold";
    case "FeeTooHigh":
      return `fee ${formatBps(n(0))} exceeds the cap ${formatBps(n(1))}; lower it`;
    case "BaseRateOutOfBounds":
      return `base rate ${formatBps(n(0))} is outside [${formatBps(n(1))}, ${formatBps(n(2))}]; choose a rate in that range`;
    case "BaseRateChangeTooLarge":
      return `moving the base rate from ${formatBps(n(0))} to ${formatBps(n(1))} exceeds the ${formatBps(n(2))} allowed now; move it in smaller steps`;
    case "InvalidKink":
      return `kink ${formatBps(n(0))} must be strictly between 0% and 100%`;
    case "WeightTooHigh":
      return `weight ${formatBps(n(0))} exceeds 100%; lower it`;
    case "GroupCapTooHigh":
      return `cap ${formatBps(n(1))} on group ${s(0)} exceeds 100%; lower it`;
    case "GroupCapBelowExposure":
      return `group ${s(0)} already carries ${amt(1)}, above the new limit ${amt(2)}; wait for cover to expire or cap it higher`;
    case "InvalidLeverage":
      return `leverage ${formatBps(n(0))} is outside [100%, 1000%]`;
    case "LeverageBelowExposure":
      return `the pool already carries ${amt(0)} of exposure, above the new limit ${amt(1)}; wait for cover to expire or keep more leverage`;
    case "TooManyMarkets":
      return `the pool already backs the most markets it can (${s(0)})`;
    case "InvalidCooldown":
      return `cooldown ${s(0)}s is outside [${s(1)}s, ${s(2)}s]`;
    case "AlreadySet":
      return "the modules are already set; they are set once";
    case "TooManyPools":
      return `the market already lists ${s(0)} backing pools; remove an empty one with removeMarketPool first`;
    case "NotMarketPool":
      return `pool ${s(1)} is not among market ${s(0)}'s backing pools`;
    case "PoolStillBacking":
      return `pool ${s(1)} still backs market ${s(0)} (capacity ${amt(2)}, exposure ${amt(3)}); only pools below the minimum capacity with no exposure can be removed`;
    case "RateBelowFloor":
      return `base rate ${formatBps(n(0))} is below the floor ${formatBps(n(1))}; raise the curve's base rate`;
    case "InvalidTimelock":
      return `timelock ${s(0)}s is outside [1 day, 30 days]`;
    case "TimelockPending":
      return `the change ${String(args[0]).slice(0, 10)}… is queued until ${s(1)}; repeat the same call after that time (or revoke it)`;
    case "AsyncRedeem":
      return "redemptions are asynchronous (ERC-7540): call requestRedeem, wait for the cooldown, then redeem or withdraw";
    case "AlreadySwept":
      return `market ${s(0)}'s reserve was already swept; nothing to do`;
    case "NotSwept":
      return `market ${s(0)} is not swept yet; top-ups open after sweep`;
    case "NotPaid":
      return `policy ${s(0)} never claimed; only policies that claimed can be topped up`;
    case "AlreadyToppedUp":
      return `policy ${s(0)} was already topped up; a policy is topped up once`;
    case "NothingToPay":
      return `policy ${s(0)} is owed nothing (a zero payout, or already paid in full)`;
    case "InsufficientCallbackGas":
      return `too little gas left for the owner's ${s(0)}-gas payout callback; resend with a higher gas limit`;
    case "PoolDeployFailed":
      return "the pool's deployment failed; check the constructor arguments";
    case "InsufficientCapital":
      return `paying ${amt(0)} needs more than the pool's capital ${amt(1)}`;
    case "NoDisputeOpen":
      return `market ${s(0)}'s trigger has no open dispute`;
    case "StaleDispute":
      return `dispute ${s(0)} concerns an older proposal than ${s(1)}; it no longer applies`;
    default:
      return args.length ? `reverted with (${args.map(String).join(", ")})` : "reverted";
  }
}
