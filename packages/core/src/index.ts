export { BucketLib } from "./bucket.ts";
export {
  capacity,
  freeCapacity,
  freeCapital,
  lockedCapital,
  utilisation,
  worstGroupExposureRatio,
} from "./capacity.ts";
export { BPS, DAY, DECIMALS_OFFSET, MAX_POOLS, MAX_UINT256, WAD, YEAR } from "./constants.ts";
export { BaseError, MathDomainError } from "./errors.ts";
export { divUp, groupIds, max, min, mulDiv, mulDivUp, saturatingSub } from "./math.ts";
export { type PayoutMode, payout } from "./payout.ts";
export { commission, type PremiumSplit, splitPremium } from "./premiumSplit.ts";
export { type Fill, fillCheapest, fillGreedy, marginalRate } from "./quote.ts";
export { premiumUp, RateCurveLib, rateAt } from "./rateCurve.ts";
export {
  convertToAssets,
  convertToShares,
  previewDeposit,
  type Rounding,
  redeemAssets,
} from "./shares.ts";
export type { GroupExposure, MarketConfig, PoolMarketState, RateCurve } from "./types.ts";
export {
  effectiveCurve,
  poolFreeCapacity,
  type SaleTerms,
  type SliceQuote,
  underwrite,
} from "./underwrite.ts";
