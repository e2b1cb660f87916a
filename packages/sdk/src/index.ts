export {
  type ApproveErrorType,
  type ApproveParameters,
  type ApproveReturnType,
  approve,
  type PrepareApproveParameters,
  type PrepareApproveReturnType,
  prepareApprove,
} from "./actions/approve.ts";
export {
  type BuyCoverErrorType,
  type BuyCoverParameters,
  type BuyCoverReturnType,
  buyCover,
  getCoverAsset,
  type PermitSignature,
  type PrepareBuyCoverParameters,
  type PrepareBuyCoverReturnType,
  prepareBuyCover,
} from "./actions/buyCover.ts";
export {
  type ChallengeErrorType,
  type ChallengeParameters,
  type ChallengeReturnType,
  challenge,
  type PrepareChallengeParameters,
  type PrepareChallengeReturnType,
  prepareChallenge,
} from "./actions/challenge.ts";
export {
  type CheckPermitErrorType,
  type CheckPermitParameters,
  type CheckPermitReturnType,
  checkPermit,
} from "./actions/checkPermit.ts";
export {
  type ClaimErrorType,
  type ClaimParameters,
  type ClaimReturnType,
  claim,
  type PrepareClaimParameters,
  type PrepareClaimReturnType,
  prepareClaim,
} from "./actions/claim.ts";
// Periphery: insured router, protection series, insured vaults, risk-price feeds.
export {
  type CollectProtectionErrorType,
  type CollectProtectionParameters,
  type CollectProtectionReturnType,
  collectProtection,
  type PrepareCollectProtectionParameters,
  type PrepareCollectProtectionReturnType,
  prepareCollectProtection,
} from "./actions/collectProtection.ts";
// CLI-facing actions (governance, curation, positions, claims, policy status, development chains).
export {
  type ConfigurePoolErrorType,
  type ConfigurePoolParameters,
  type ConfigurePoolReturnType,
  configurePool,
  type PoolChange,
  type PoolChangeResult,
} from "./actions/configurePool.ts";
export {
  type ConvertToSharesParameters,
  type ConvertToSharesReturnType,
  convertToShares,
} from "./actions/convertToShares.ts";
export {
  type CreateMarketErrorType,
  type CreateMarketParameters,
  type CreateMarketReturnType,
  createMarket,
} from "./actions/createMarket.ts";
export {
  type CreatePoolErrorType,
  type CreatePoolParameters,
  type CreatePoolReturnType,
  createPool,
} from "./actions/createPool.ts";
export {
  type DeployTriggerErrorType,
  type DeployTriggerParameters,
  type DeployTriggerReturnType,
  deployTrigger,
  type TriggerSpec,
} from "./actions/deployTrigger.ts";
export {
  type DepositErrorType,
  type DepositParameters,
  type DepositReturnType,
  deposit,
  type PrepareDepositParameters,
  type PrepareDepositReturnType,
  prepareDeposit,
} from "./actions/deposit.ts";
export {
  type FinalizeClaimErrorType,
  type FinalizeClaimParameters,
  type FinalizeClaimReturnType,
  finalizeClaim,
  type PrepareFinalizeClaimParameters,
  type PrepareFinalizeClaimReturnType,
  prepareFinalizeClaim,
} from "./actions/finalizeClaim.ts";
export {
  type AssessorGroup,
  type GetAssessorsParameters,
  type GetAssessorsReturnType,
  getAssessors,
} from "./actions/getAssessors.ts";
export { type GetBookParameters, type GetBookReturnType, getBook } from "./actions/getBook.ts";
export {
  CLAIM_STATUSES,
  type ClaimStatus,
  type GetClaimParameters,
  type GetClaimReturnType,
  getClaim,
} from "./actions/getClaim.ts";
export {
  type GetClaimOfPolicyParameters,
  type GetClaimOfPolicyReturnType,
  getClaimOfPolicy,
} from "./actions/getClaimOfPolicy.ts";
export {
  type GetClaimParamsParameters,
  type GetClaimParamsReturnType,
  getClaimParams,
} from "./actions/getClaimParams.ts";
export { type GetClaimsParameters, type GetClaimsReturnType, getClaims } from "./actions/getClaims.ts";
export {
  type GetIncidentParameters,
  type GetIncidentReturnType,
  getIncident,
} from "./actions/getIncident.ts";
export {
  type GetInsuredVaultParameters,
  type GetInsuredVaultReturnType,
  getInsuredVault,
  type InsuredVaultPolicy,
} from "./actions/getInsuredVault.ts";
export {
  type GetMarketParameters,
  type GetMarketReturnType,
  getMarket,
  MARKET_STATUSES,
  type MarketDetail,
  type MarketState,
  type MarketStatus,
  marketState,
} from "./actions/getMarket.ts";
export {
  type GetMarketsParameters,
  type GetMarketsReturnType,
  getMarkets,
  type MarketInfo,
} from "./actions/getMarkets.ts";
export {
  type GetPendingChangesParameters,
  type GetPendingChangesReturnType,
  getPendingChanges,
  type PendingPoolChange,
} from "./actions/getPendingChanges.ts";
export {
  type GetPoliciesOfParameters,
  type GetPoliciesOfReturnType,
  getPoliciesOf,
  type PolicyInfo,
} from "./actions/getPoliciesOf.ts";
export { type GetPolicyParameters, type GetPolicyReturnType, getPolicy } from "./actions/getPolicy.ts";
export {
  type GetPolicyStatusParameters,
  type GetPolicyStatusReturnType,
  getPolicyStatus,
  type PolicyState,
} from "./actions/getPolicyStatus.ts";
export {
  type GetPoolAddressParameters,
  type GetPoolAddressReturnType,
  getPoolAddress,
} from "./actions/getPoolAddress.ts";
export {
  type GetPoolConfigParameters,
  type GetPoolConfigReturnType,
  getPoolConfig,
  type PoolMarketConfig,
} from "./actions/getPoolConfig.ts";
export {
  type GetPoolsParameters,
  type GetPoolsReturnType,
  getPools,
  type PoolInfo,
} from "./actions/getPools.ts";
export {
  type GetPositionParameters,
  type GetPositionReturnType,
  getPosition,
} from "./actions/getPosition.ts";
export {
  type GetProtectionSeriesParameters,
  type GetProtectionSeriesReturnType,
  getProtectionSeries,
} from "./actions/getProtectionSeries.ts";
export {
  type GetRedeemRequestParameters,
  type GetRedeemRequestReturnType,
  getRedeemRequest,
} from "./actions/getRedeemRequest.ts";
export {
  type GetRiskPriceParameters,
  type GetRiskPriceReturnType,
  getRiskPrice,
} from "./actions/getRiskPrice.ts";
export {
  type GetTokenBalanceParameters,
  type GetTokenBalanceReturnType,
  getTokenBalance,
} from "./actions/getTokenBalance.ts";
export { type GetTvcParameters, type GetTvcReturnType, getTvc } from "./actions/getTvc.ts";
export { type GetTvlParameters, type GetTvlReturnType, getTvl } from "./actions/getTvl.ts";
export {
  type GovernedCallErrorType,
  type GovernedCallParameters,
  type GovernedCallReturnType,
  governedCall,
} from "./actions/governedCall.ts";
export {
  type IncreaseTimeParameters,
  type IncreaseTimeReturnType,
  increaseTime,
} from "./actions/increaseTime.ts";
export {
  type InsuredDepositErrorType,
  type InsuredDepositParameters,
  type InsuredDepositReturnType,
  insuredDeposit,
  type PrepareInsuredDepositParameters,
  type PrepareInsuredDepositReturnType,
  prepareInsuredDeposit,
} from "./actions/insuredDeposit.ts";
export {
  type InsuredVaultDepositErrorType,
  type InsuredVaultDepositParameters,
  type InsuredVaultDepositReturnType,
  insuredVaultDeposit,
  type PrepareInsuredVaultDepositParameters,
  type PrepareInsuredVaultDepositReturnType,
  prepareInsuredVaultDeposit,
} from "./actions/insuredVaultDeposit.ts";
export {
  type InsuredVaultRedeemErrorType,
  type InsuredVaultRedeemParameters,
  type InsuredVaultRedeemReturnType,
  insuredVaultRedeem,
  type PrepareInsuredVaultRedeemParameters,
  type PrepareInsuredVaultRedeemReturnType,
  prepareInsuredVaultRedeem,
} from "./actions/insuredVaultRedeem.ts";
export {
  type MintProtectionErrorType,
  type MintProtectionParameters,
  type MintProtectionReturnType,
  mintProtection,
  type PrepareMintProtectionParameters,
  type PrepareMintProtectionReturnType,
  prepareMintProtection,
} from "./actions/mintProtection.ts";
export {
  type PauseMarketErrorType,
  type PauseMarketParameters,
  type PauseMarketReturnType,
  pauseMarket,
} from "./actions/pauseMarket.ts";
export { type PayoutOfParameters, type PayoutOfReturnType, payoutOf } from "./actions/payoutOf.ts";
export {
  type PokeTriggerErrorType,
  type PokeTriggerParameters,
  type PokeTriggerReturnType,
  type PreparePokeTriggerParameters,
  type PreparePokeTriggerReturnType,
  pokeTrigger,
  preparePokeTrigger,
} from "./actions/pokeTrigger.ts";
export {
  type PreviewPokeParameters,
  type PreviewPokeReturnType,
  previewPoke,
} from "./actions/previewPoke.ts";
export { type QuoteErrorType, type QuoteParameters, type QuoteReturnType, quote } from "./actions/quote.ts";
export {
  type QuoteOnchainErrorType,
  type QuoteOnchainParameters,
  type QuoteOnchainReturnType,
  quoteOnchain,
} from "./actions/quoteOnchain.ts";
export { type ReadFeedParameters, type ReadFeedReturnType, readFeed } from "./actions/readFeed.ts";
export {
  type PegFeedReading,
  type ReadPegTriggerParameters,
  type ReadPegTriggerReturnType,
  readPegTrigger,
} from "./actions/readPegTrigger.ts";
export {
  type ReadPoolMarketStateParameters,
  type ReadPoolMarketStateReturnType,
  readPoolMarketState,
} from "./actions/readPoolMarketState.ts";
export {
  type ReadTriggerParameters,
  type ReadTriggerReturnType,
  readTrigger,
  TRIGGER_STATES,
  type TriggerKind,
  type TriggerState,
} from "./actions/readTrigger.ts";
export {
  type PrepareRedeemParameters,
  type PrepareRedeemReturnType,
  prepareRedeem,
  type RedeemErrorType,
  type RedeemParameters,
  type RedeemReturnType,
  redeem,
} from "./actions/redeem.ts";
export {
  type PrepareRedeemClaimParameters,
  type PrepareRedeemClaimReturnType,
  prepareRedeemClaim,
  type RedeemClaimErrorType,
  type RedeemClaimParameters,
  type RedeemClaimReturnType,
  redeemClaim,
} from "./actions/redeemClaim.ts";
export {
  type PrepareRedeemProtectionParameters,
  type PrepareRedeemProtectionReturnType,
  prepareRedeemProtection,
  type RedeemProtectionErrorType,
  type RedeemProtectionParameters,
  type RedeemProtectionReturnType,
  redeemProtection,
} from "./actions/redeemProtection.ts";
export {
  type PrepareRequestRedeemParameters,
  type PrepareRequestRedeemReturnType,
  prepareRequestRedeem,
  type RequestRedeemErrorType,
  type RequestRedeemParameters,
  type RequestRedeemReturnType,
  requestRedeem,
} from "./actions/requestRedeem.ts";
export {
  type PrepareResolveProtectionParameters,
  type PrepareResolveProtectionReturnType,
  prepareResolveProtection,
  type ResolveProtectionErrorType,
  type ResolveProtectionParameters,
  type ResolveProtectionReturnType,
  resolveProtection,
} from "./actions/resolveProtection.ts";
export {
  type RetireMarketErrorType,
  type RetireMarketParameters,
  type RetireMarketReturnType,
  retireMarket,
} from "./actions/retireMarket.ts";
export {
  type PrepareRollCoverParameters,
  type PrepareRollCoverReturnType,
  prepareRollCover,
  type RollCoverErrorType,
  type RollCoverParameters,
  type RollCoverReturnType,
  rollCover,
} from "./actions/rollCover.ts";
export {
  type AssessorRules,
  type SetAssessorsErrorType,
  type SetAssessorsParameters,
  type SetAssessorsReturnType,
  setAssessors,
} from "./actions/setAssessors.ts";
export {
  type PrepareSetBaseRateParameters,
  type PrepareSetBaseRateReturnType,
  prepareSetBaseRate,
  type SetBaseRateErrorType,
  type SetBaseRateParameters,
  type SetBaseRateReturnType,
  setBaseRate,
} from "./actions/setBaseRate.ts";
export {
  type SetMockFeedAnswerErrorType,
  type SetMockFeedAnswerParameters,
  type SetMockFeedAnswerReturnType,
  setMockFeedAnswer,
} from "./actions/setMockFeedAnswer.ts";
export {
  type PrepareSetOperatorParameters,
  type PrepareSetOperatorReturnType,
  prepareSetOperator,
  type SetOperatorErrorType,
  type SetOperatorParameters,
  type SetOperatorReturnType,
  setOperator,
} from "./actions/setOperator.ts";
export {
  type PrepareSettleParameters,
  type PrepareSettleReturnType,
  prepareSettle,
  type SettleErrorType,
  type SettleParameters,
  type SettleReturnType,
  settle,
} from "./actions/settle.ts";
export {
  type PrepareSettlePoolsParameters,
  type PrepareSettlePoolsReturnType,
  prepareSettlePools,
  type SettlePoolsErrorType,
  type SettlePoolsParameters,
  type SettlePoolsReturnType,
  settlePools,
} from "./actions/settlePools.ts";
export {
  chainDeadline,
  PERMIT_TYPES,
  permitDomain,
  type SignPermitParameters,
  type SignPermitReturnType,
  signPermit,
} from "./actions/signPermit.ts";
export {
  type PrepareSubmitClaimParameters,
  type PrepareSubmitClaimReturnType,
  prepareSubmitClaim,
  type SubmitClaimErrorType,
  type SubmitClaimParameters,
  type SubmitClaimReturnType,
  submitClaim,
} from "./actions/submitClaim.ts";
export {
  type PrepareSweepParameters,
  type PrepareSweepReturnType,
  prepareSweep,
  type SweepErrorType,
  type SweepParameters,
  type SweepReturnType,
  sweep,
} from "./actions/sweep.ts";
export {
  type PrepareTopUpParameters,
  type PrepareTopUpReturnType,
  prepareTopUp,
  type TopUpErrorType,
  type TopUpParameters,
  type TopUpReturnType,
  topUp,
} from "./actions/topUp.ts";
export {
  type UnpauseMarketErrorType,
  type UnpauseMarketParameters,
  type UnpauseMarketReturnType,
  unpauseMarket,
} from "./actions/unpauseMarket.ts";
export {
  type PrepareVoteParameters,
  type PrepareVoteReturnType,
  prepareVote,
  type VoteErrorType,
  type VoteParameters,
  type VoteReturnType,
  vote,
} from "./actions/vote.ts";
export {
  type PrepareWithdrawParameters,
  type PrepareWithdrawReturnType,
  prepareWithdraw,
  type WithdrawErrorType,
  type WithdrawParameters,
  type WithdrawReturnType,
  withdraw,
} from "./actions/withdraw.ts";
export {
  CLAIMS_GOVERNANCE_FUNCTIONS,
  checkGovernanceDelay,
  DEFAULT_GOVERNANCE_DELAY,
  DEVELOPMENT_CHAIN_ID,
  type DeployBackstopParameters,
  type DeployBackstopReturnType,
  type DeployedRoles,
  DeploymentError,
  deployBackstop,
  GOVERNANCE_FUNCTIONS,
  GovernanceDelayError,
  GUARDIAN_FUNCTIONS,
  RISK_ORACLE_FUNCTIONS,
  ROLES,
  VOIDER_FUNCTIONS,
} from "./deploy/deployBackstop.ts";
export {
  type DeployPeripheryParameters,
  type DeployPeripheryReturnType,
  deployPeriphery,
  type InsuredVaultSpec,
} from "./deploy/deployPeriphery.ts";
export * from "./errors/index.ts";
export { withBackstopErrors } from "./internal/read.ts";
export type { OnHash, Sent } from "./internal/send.ts";
export type { PreparedRequest, ReadClient, WriteClient } from "./internal/types.ts";
