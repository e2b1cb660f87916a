export {
  type BuyCoverErrorType,
  type BuyCoverParameters,
  type BuyCoverReturnType,
  buyCover,
} from "./actions/buyCover.ts";
export {
  type DepositErrorType,
  type DepositParameters,
  type DepositReturnType,
  deposit,
} from "./actions/deposit.ts";
export {
  type GetMarketsParameters,
  type GetMarketsReturnType,
  getMarkets,
  type MarketInfo,
} from "./actions/getMarkets.ts";
export {
  type GetPoliciesOfParameters,
  type GetPoliciesOfReturnType,
  getPoliciesOf,
  type PolicyInfo,
} from "./actions/getPoliciesOf.ts";
export {
  type GetPoolsParameters,
  type GetPoolsReturnType,
  getPools,
  type PoolInfo,
} from "./actions/getPools.ts";
export { type GetTvcParameters, type GetTvcReturnType, getTvc } from "./actions/getTvc.ts";
export { type GetTvlParameters, type GetTvlReturnType, getTvl } from "./actions/getTvl.ts";
export { type QuoteErrorType, type QuoteParameters, type QuoteReturnType, quote } from "./actions/quote.ts";
export {
  type ReadPoolMarketStateParameters,
  type ReadPoolMarketStateReturnType,
  readPoolMarketState,
} from "./actions/readPoolMarketState.ts";
export {
  type RedeemErrorType,
  type RedeemParameters,
  type RedeemReturnType,
  redeem,
} from "./actions/redeem.ts";
export {
  type RequestRedeemErrorType,
  type RequestRedeemParameters,
  type RequestRedeemReturnType,
  requestRedeem,
} from "./actions/requestRedeem.ts";
export { type SignPermitParameters, type SignPermitReturnType, signPermit } from "./actions/signPermit.ts";
export {
  type DeployBackstopParameters,
  type DeployBackstopReturnType,
  DeploymentError,
  deployBackstop,
  ROLES,
} from "./deploy/deployBackstop.ts";
export * from "./errors/index.ts";
