export { BucketLib, releaseDelayDays } from "./bucket.ts";
export {
  capacity,
  freeCapacity,
  freeCapital,
  lockedCapital,
  underwritingCapital,
  utilisation,
  worstGroupExposureRatio,
} from "./capacity.ts";
export {
  BPS,
  DAY,
  DECIMALS_OFFSET,
  DEFAULT_TIMELOCK,
  MAX_COOLDOWN,
  MAX_INCIDENT_LOOKBACK,
  MAX_POOLS,
  MAX_POOLS_PER_MARKET,
  MAX_TIMELOCK,
  MAX_UINT256,
  MIN_COOLDOWN,
  MIN_RATE_BPS,
  MIN_TIMELOCK,
  WAD,
  YEAR,
} from "./constants.ts";
export {
  BaseError,
  type BaseErrorParameters,
  formatError,
  MathDomainError,
  sentence,
  walk,
} from "./errors.ts";
export { divUp, groupIds, max, min, mulDiv, mulDivUp, saturatingSub } from "./math.ts";
export { type PayoutMode, payout, payoutOfIncident, payoutPerUnitWad } from "./payout.ts";
export { commission, type PremiumSplit, splitPremium } from "./premiumSplit.ts";
export { type Fill, fillCheapest, fillGreedy, marginalRate } from "./quote.ts";
export { premiumUp, RateCurveLib, rateAt } from "./rateCurve.ts";
export {
  consumeRequest,
  convertToAssets,
  convertToShares,
  type ExitState,
  exitValue,
  maxRedeem,
  maxWithdraw,
  previewDeposit,
  type RedeemRequestState,
  type Rounding,
  redeemAssets,
  withdrawShares,
} from "./shares.ts";
export {
  bookedOf,
  capacityAt,
  capitalAt,
  coverInForceAt,
  exposureAt,
  type PoolMarketSnapshot,
  type PoolSnapshot,
  poolMarketStateAt,
  quoteSnapshot,
  type ReleaseAt,
  type SnapshotQuote,
  type SnapshotQuoteParameters,
  type StreamEnd,
  unearnedXAt,
} from "./snapshot.ts";
export type { GroupExposure, MarketConfig, PoolMarketState, RateCurve } from "./types.ts";
export {
  effectiveCurve,
  poolFreeCapacity,
  type SaleTerms,
  type SliceQuote,
  underwrite,
} from "./underwrite.ts";
