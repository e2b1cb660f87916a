import { BaseError, sentence } from "@backstop/core";
import { type Hex, hexToString } from "viem";
import { type BackstopErrorArgs, type BackstopErrorName, errorInputNames } from "./abi.ts";
import { formatAmount, formatBps } from "./format.ts";

const MARKET_STATUS = ["NONE", "ACTIVE", "PAUSED", "TRIGGERED", "RETIRED"] as const;
const TRIGGER_STATE = ["ACTIVE", "FROZEN", "TRIGGERED"] as const;
const CLAIM_STATUS = ["NONE", "FAST_TRACK", "VOTING", "APPROVED", "DENIED", "VOIDED", "PAID"] as const;

/** Options that shape messages: the cover asset's decimals. */
export type FormatOptions = { decimals?: number };

/** What a decoded revert carries besides its name and arguments. */
export type ContractRevertErrorOptions = FormatOptions & {
  details?: string;
  cause?: unknown;
  /** The error's input names (from its ABI item), to expose the arguments by name in `values`. */
  inputNames?: readonly string[];
};

/**
 * A call (a write's simulation, its receipt, or a read) reverted with one of the protocol's custom errors.
 * `errorName` and `args` are the Solidity error's; `values` holds the same arguments by input name; `is(name)`
 * narrows both to the ABI's types.
 */
export class ContractRevertError extends BaseError {
  override name = "ContractRevertError";
  /** The Solidity error's name, e.g. `PremiumTooHigh`. */
  readonly errorName: string;
  /** The error's arguments, in order. */
  readonly args: readonly unknown[];
  /** The error's arguments by input name (e.g. `{ premium, maxPremium }`). */
  readonly values: Readonly<Record<string, unknown>>;
  /** The sentence saying what to change (the message without the error name). */
  readonly description: string;

  constructor(errorName: string, args: readonly unknown[], options: ContractRevertErrorOptions = {}) {
    const description = describe(errorName, args, options);
    const names = options.inputNames ?? errorInputNames.get(errorName) ?? [];
    const values: Record<string, unknown> = {};
    args.forEach((a, i) => {
      values[names[i] || `arg${i}`] = a;
    });
    super(`${errorName}: ${description}`, {
      details: options.details,
      cause: options.cause,
      context: values,
    });
    this.errorName = errorName;
    this.args = args;
    this.values = values;
    this.description = description;
  }

  /** Whether this is the custom error `errorName`; narrows `args` to its ABI types. */
  is<const name extends BackstopErrorName>(
    errorName: name,
  ): this is this & { errorName: name; args: BackstopErrorArgs<name> } {
    return this.errorName === errorName;
  }

  override toSentence(): string {
    return sentence(this.description);
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

/** An argument is outside what the contract accepts (zero amount, period out of bounds, bad commission, ...). */
export class InvalidParameterError extends ContractRevertError {
  override name = "InvalidParameterError";
}

/** The market, pool, claim or group named does not exist. */
export class NotFoundError extends ContractRevertError {
  override name = "NotFoundError";
}

/** The token transfer failed: the balance or the allowance is short. */
export class TokenTransferError extends ContractRevertError {
  override name = "TokenTransferError";
}

/** The asset is not allowed as cover asset, differs from the market's, or the depositor is not allowed. */
export class AssetNotAllowedError extends ContractRevertError {
  override name = "AssetNotAllowedError";
}

/** An EIP-2612 permit was rejected by the token: expired, signed by another key, or for another nonce. */
export class PermitRevertError extends ContractRevertError {
  override name = "PermitRevertError";
}

/** A revert the SDK could not decode into a protocol error. */
export class UnknownRevertError extends BaseError {
  override name = "UnknownRevertError";
}

const classes: Record<string, typeof ContractRevertError> = {
  PeriodOutOfBounds: InvalidParameterError,
  ZeroAmount: InvalidParameterError,
  ZeroAddress: InvalidParameterError,
  DuplicatePool: InvalidParameterError,
  InvalidPoolCount: InvalidParameterError,
  CommissionTooHigh: InvalidParameterError,
  CommissionWithoutIntegrator: InvalidParameterError,
  InvalidMarketParams: InvalidParameterError,
  InvalidAssessorParams: InvalidParameterError,
  InvalidStatusTransition: InvalidParameterError,
  BaseRateOutOfBounds: InvalidParameterError,
  BaseRateChangeTooLarge: InvalidParameterError,
  UnknownMarket: NotFoundError,
  UnknownPool: NotFoundError,
  UnknownClaim: NotFoundError,
  UnknownGroup: NotFoundError,
  ERC20InsufficientAllowance: TokenTransferError,
  ERC20InsufficientBalance: TokenTransferError,
  AssetNotAllowed: AssetNotAllowedError,
  AssetMismatch: AssetNotAllowedError,
  DepositorNotAllowed: AssetNotAllowedError,
  ERC2612ExpiredSignature: PermitRevertError,
  ERC2612InvalidSigner: PermitRevertError,
  InvalidAccountNonce: PermitRevertError,
  ECDSAInvalidSignature: PermitRevertError,
  ECDSAInvalidSignatureLength: PermitRevertError,
  ECDSAInvalidSignatureS: PermitRevertError,
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
  // Periphery (router, insured vault, protection series, risk-price feed).
  SharesBelowMinimum: InvalidParameterError,
  DepositNotPulled: InvalidParameterError,
  InvalidCoverageTarget: InvalidParameterError,
  InvalidExpiry: InvalidParameterError,
  NotParametric: InvalidParameterError,
  SeriesExists: InvalidParameterError,
  UnexpectedToken: InvalidParameterError,
  DepositNotAllowed: AssetNotAllowedError,
  NotKeeper: UnauthorizedError,
  NotPayer: UnauthorizedError,
  InsufficientYield: PremiumTooHighError,
  CoverNotFilled: InsufficientCapacityError,
  TooManyPolicies: PoolConfigError,
  CoverNotConfigured: PoolConfigError,
  TokensLocked: TokenTransferError,
  LotNotMature: ClaimStatusError,
  UnknownLot: NotFoundError,
  TriggerFrozen: MarketClosedError,
  NotCollected: NotSettledError,
  NotEligible: ClaimRejectedError,
  NoRoundData: NotFoundError,
};

/** Builds the typed error for a decoded revert, with a message saying what to change. */
export function contractError(
  errorName: string,
  args: readonly unknown[],
  options: ContractRevertErrorOptions = {},
): ContractRevertError {
  const Cls = classes[errorName] ?? ContractRevertError;
  return new Cls(errorName, args, options);
}

/** A bytes32 reason code as text ("0x6c6f6e67..." -> "long"). */
function reason(value: unknown): string {
  const hex = String(value).replace(/(00)+$/, "");
  try {
    const text = hexToString(hex as Hex);
    return /^[\x20-\x7e]+$/.test(text) ? text : String(value);
  } catch {
    return String(value);
  }
}

/** A readable sentence for each protocol error. */
export function describe(
  errorName: string,
  args: readonly unknown[],
  { decimals = 6 }: FormatOptions = {},
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
      return `only ${s(0)} gas left where the owner's payout callback needs ${s(1)}; resend with a higher gas limit`;
    case "PoolDeployFailed":
      return "the pool's deployment failed; check the constructor arguments";
    case "InsufficientCapital":
      return `paying ${amt(0)} needs more than the pool's capital ${amt(1)}`;
    case "NoDisputeOpen":
      return `market ${s(0)}'s trigger has no open dispute`;
    case "StaleDispute":
      return `dispute ${s(0)} concerns an older proposal than ${s(1)}; it no longer applies`;
    case "InvalidAccountNonce":
      return `the permit was signed for another nonce than ${s(0)}'s current ${s(1)}; sign a new permit`;
    case "ECDSAInvalidSignature":
    case "ECDSAInvalidSignatureLength":
    case "ECDSAInvalidSignatureS":
      return "the signature is malformed; sign again with the owner's key";
    case "ERC721NonexistentToken":
      return `policy ${s(0)} does not exist; list policies with getPoliciesOf`;
    case "SharesBelowMinimum":
      return `the deposit gave ${s(0)} shares, below minShares ${s(1)}; lower minShares or retry`;
    case "DepositNotPulled":
      return `the vault left ${amt(1)} of the ${amt(0)} deposited behind; use a standard ERC-4626 vault`;
    case "DepositNotAllowed":
      return `${s(0)} may not deposit for ${s(1)}: the vault's deposit gate refuses; ask its owner to allow the account`;
    case "NotKeeper":
      return `${s(0)} is neither a keeper nor the owner of the insured vault; roll cover from a keeper account`;
    case "InsufficientYield":
      return `the premium ${amt(0)} exceeds the yield available ${amt(1)}; lower the coverage target or sponsor premiums by sending the asset to the vault`;
    case "CoverNotFilled":
      return `the candidate pools can fill ${amt(1)} of the ${amt(0)} of cover wanted; add pools to the vault's cover config`;
    case "InvalidCoverageTarget":
      return `coverage target ${formatBps(n(0))} must be above 0% and at most 100%`;
    case "TooManyPolicies":
      return `the insured vault already holds ${s(0)} live policies; wait for some to expire`;
    case "CoverNotConfigured":
      return "the insured vault has no cover configuration yet; its owner must call setCoverConfig";
    case "UnexpectedToken":
      return `${s(0)} is not the policy NFT; only Backstop policies can be sent here`;
    case "NotPayer":
      return `${s(0)} is not the settlement or claims module`;
    case "InvalidExpiry":
      return `expiry ${s(0)} is not a future UTC day boundary (a multiple of 86400)`;
    case "NotParametric":
      return `market ${s(0)} is not parametric; protection series exist only on parametric markets`;
    case "SeriesExists":
      return `a series for market ${s(0)} and expiry ${s(1)} exists already; use it`;
    case "TokensLocked":
      return `${s(0)} has ${amt(1)} unlocked protection but moves ${amt(2)}; resolve matured lots first (the rest stay locked until they mature)`;
    case "LotNotMature":
      return `lot ${s(0)} matures at ${s(1)}; resolve it after that time`;
    case "UnknownLot":
      return `${s(0)} is not an unresolved lot of this series (already resolved, or another series')`;
    case "TriggerFrozen":
      return `market ${s(0)}'s trigger is confirming an incident; resolve lots once it is ACTIVE or TRIGGERED`;
    case "NotCollected":
      return "the series has not collected every payout yet; run collect first";
    case "NotEligible":
      return `redeeming ${amt(0)} but only ${amt(1)} eligible tokens remain; redeem at most that`;
    case "NoRoundData":
      return `round ${s(0)} is not the latest; the risk-price feed keeps no history (use latestRoundData)`;
    case "Error":
      return `reverted: ${s(0)}`;
    case "Panic":
      return `panicked with code ${s(0)} (an arithmetic or assertion failure in the contract)`;
    default:
      return args.length ? `reverted with (${args.map(String).join(", ")})` : "reverted";
  }
}
