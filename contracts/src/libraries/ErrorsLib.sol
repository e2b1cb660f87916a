// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {MarketStatus} from "../types/Types.sol";
import {TriggerState} from "../interfaces/ITrigger.sol";

/// @title ErrorsLib
/// @notice Every custom error of the core, with the values a caller needs to correct the call.
library ErrorsLib {
    /// @notice Thrown when an amount that must be positive is zero.
    error ZeroAmount();
    /// @notice Thrown when an address that must be set is zero.
    error ZeroAddress();
    /// @notice Thrown when `caller` is not allowed to call.
    error Unauthorized(address caller);
    /// @notice Thrown when `marketId` does not exist.
    error UnknownMarket(uint256 marketId);
    /// @notice Thrown when `marketId` is not ACTIVE (paused, triggered or retired).
    error MarketNotActive(uint256 marketId, MarketStatus status);
    /// @notice Thrown when a market's trigger is not ACTIVE, so it refuses new cover.
    error TriggerNotActive(uint256 marketId, TriggerState state);
    /// @notice Thrown when a status change is not allowed from the current status.
    error InvalidStatusTransition(uint256 marketId, MarketStatus from, MarketStatus to);
    /// @notice Thrown when a cover period is outside the market's [min, max].
    error PeriodOutOfBounds(uint256 period, uint256 minPeriod, uint256 maxPeriod);
    /// @notice Thrown when a market's parameters are inconsistent; `reason` names the field.
    error InvalidMarketParams(bytes32 reason);
    /// @notice Thrown when a correlation group id does not exist.
    error UnknownGroup(uint256 groupId);
    /// @notice Thrown when the registry already has the maximum number of correlation groups.
    error TooManyGroups();
    /// @notice Thrown when the asset is not allowed as cover asset.
    error AssetNotAllowed(address asset);
    /// @notice Thrown when a pool's asset differs from the market's.
    error AssetMismatch(address poolAsset, address marketAsset);
    /// @notice Thrown when `poolId` is not a registered pool.
    error UnknownPool(uint256 poolId);
    /// @notice Thrown when a pool id appears twice in one purchase.
    error DuplicatePool(uint256 poolId);
    /// @notice Thrown when a purchase names no pool or more than the maximum.
    error InvalidPoolCount(uint256 count, uint256 max);
    /// @notice Thrown when the candidate pools cannot fill the whole amount.
    error InsufficientCapacity(uint256 marketId, uint256 requested, uint256 available);
    /// @notice Thrown when the premium plus commission exceeds the buyer's maximum.
    error PremiumTooHigh(uint256 cost, uint256 maxPremium);
    /// @notice Thrown when the integrator commission exceeds the cap.
    error CommissionTooHigh(uint256 commissionBps, uint256 maxBps);
    /// @notice Thrown when a commission is asked without an integrator to receive it.
    error CommissionWithoutIntegrator();
    /// @notice Thrown when new risk is paused protocol-wide.
    error ProtocolPaused();
    /// @notice Thrown when a fee exceeds its cap.
    error FeeTooHigh(uint256 feeBps, uint256 maxBps);
    /// @notice Thrown when a base rate is outside the risk oracle's bounds.
    error BaseRateOutOfBounds(uint256 rateBps, uint256 minBps, uint256 maxBps);
    /// @notice Thrown when a base rate moves more than allowed since the last update.
    error BaseRateChangeTooLarge(uint256 fromBps, uint256 toBps, uint256 allowedChangeBps);
    /// @notice Thrown when a rate curve's kink is not strictly between 0 and 100%.
    error InvalidKink(uint256 kinkBps);
    /// @notice Thrown when a capacity weight exceeds 100%.
    error WeightTooHigh(uint256 weightBps);
    /// @notice Thrown when a correlation-group cap exceeds 100%.
    error GroupCapTooHigh(uint256 groupId, uint256 capBps);
    /// @notice Thrown when a new group cap would put current exposure above the cap.
    error GroupCapBelowExposure(uint256 groupId, uint256 exposure, uint256 limit);
    /// @notice Thrown when the leverage cap is below 100% or above the maximum.
    error InvalidLeverage(uint256 leverageBps);
    /// @notice Thrown when a new leverage cap would put total exposure above it.
    error LeverageBelowExposure(uint256 exposure, uint256 limit);
    /// @notice Thrown when a pool backs the maximum number of markets or a market is backed by the maximum of pools.
    error TooManyMarkets(uint256 max);
    /// @notice Thrown when a cooldown is outside the allowed range.
    error InvalidCooldown(uint256 cooldown, uint256 min, uint256 max);
    /// @notice Thrown when `receiver` may not deposit into a gated pool.
    error DepositorNotAllowed(address receiver);
    /// @notice Thrown when `owner` has no redeem request that is claimable now.
    error RequestNotClaimable(address owner, uint256 claimableAt);
    /// @notice Thrown when more shares are redeemed than the owner's request holds.
    error ExceedsRequest(address owner, uint256 shares, uint256 requested);
    /// @notice Thrown when a withdrawal would take capital below what active cover locks.
    error InsufficientFreeCapital(uint256 assets, uint256 freeCapital);
    /// @notice Thrown when a module address was already set.
    error AlreadySet();

    /* CORE V2 */

    /// @notice Thrown when a market already has the most backing pools it can list.
    error TooManyPools(uint256 max);
    /// @notice Thrown when removing a pool that is not among a market's backers.
    error NotMarketPool(uint256 marketId, uint256 poolId);
    /// @notice Thrown when removing a pool that still backs the market (capacity at the minimum, or exposure).
    error PoolStillBacking(uint256 marketId, uint256 poolId, uint256 capacity, uint256 exposure);
    /// @notice Thrown when a curve's base rate is below the protocol's floor.
    error RateBelowFloor(uint256 rateBps, uint256 floorBps);
    /// @notice Thrown when a curator timelock is outside its bounds.
    error InvalidTimelock(uint256 timelock);
    /// @notice Thrown when a queued risk-increasing change is applied before its timelock has passed.
    error TimelockPending(bytes32 changeId, uint256 executableAt);
    /// @notice Thrown by previewRedeem and previewWithdraw: redemptions are asynchronous (ERC-7540).
    error AsyncRedeem();
    /// @notice Thrown when sweeping a market twice.
    error AlreadySwept(uint256 marketId);
    /// @notice Thrown when topping up before the market is swept.
    error NotSwept(uint256 marketId);
    /// @notice Thrown when topping up a policy that never claimed.
    error NotPaid(uint256 policyId);
    /// @notice Thrown when topping up a policy twice.
    error AlreadyToppedUp(uint256 policyId);
    /// @notice Thrown when a claim or top-up would pay nothing.
    error NothingToPay(uint256 policyId);

    /// @notice Thrown when a batched claim lists no policy.
    error EmptyBatch();

    /// @notice Thrown when no policy of a batched claim is payable (all paid, ineligible or out of the window).
    error NothingToClaim();
    /// @notice Thrown when a pool's deployment fails without a reason.
    error PoolDeployFailed();

    /* CLAIMS */

    /// @notice Thrown when a parametric operation targets an ASSESSED market or the reverse.
    error WrongClaimMode(uint256 marketId);
    /// @notice Thrown when settling a market whose trigger has not fired.
    error TriggerNotFired(uint256 marketId, TriggerState state);
    /// @notice Thrown when a market was already settled.
    error AlreadySettled(uint256 marketId);
    /// @notice Thrown when claiming on a market that has not been settled.
    error NotSettled(uint256 marketId);
    /// @notice Thrown when a policy was already paid (INV-PAYOUT).
    error AlreadyPaid(uint256 policyId);
    /// @notice Thrown when a policy's cover started after the incident (INV-TIME).
    error StartedAfterIncident(uint256 policyId, uint256 start, uint256 incidentTime);
    /// @notice Thrown when a policy's cover ended before the incident.
    error ExpiredBeforeIncident(uint256 policyId, uint256 end, uint256 incidentTime);
    /// @notice Thrown when the claim window is over.
    error ClaimWindowClosed(uint256 closedAt);
    /// @notice Thrown when the claim window is still open.
    error ClaimWindowOpen(uint256 closesAt);
    /// @notice Thrown when `caller` does not own `policyId`.
    error NotPolicyOwner(uint256 policyId, address caller);
    /// @notice Thrown when a claimed amount exceeds what the policy can pay.
    error ClaimTooLarge(uint256 amount, uint256 maxPayout);
    /// @notice Thrown when a claim is filed outside the policy's cover (plus the claim window after its end).
    error NotCovered(uint256 policyId, uint256 start, uint256 end);
    /// @notice Thrown when a policy already has a claim open or approved.
    error ClaimExists(uint256 policyId, uint256 claimId);
    /// @notice Thrown when `claimId` does not exist.
    error UnknownClaim(uint256 claimId);
    /// @notice Thrown when an action is not allowed in the claim's current status.
    error WrongClaimStatus(uint256 claimId, uint8 status);
    /// @notice Thrown when the challenge window is over.
    error ChallengeWindowClosed(uint256 claimId, uint256 closedAt);
    /// @notice Thrown when the challenge window or the voting period is not over yet.
    error TooEarly(uint256 claimId, uint256 at);
    /// @notice Thrown when `voter` is not a member of the market's assessor group.
    error NotAssessor(address voter);
    /// @notice Thrown when `voter` already voted.
    error AlreadyVoted(uint256 claimId, address voter);
    /// @notice Thrown when voting on a claim after its voting period.
    error VotingClosed(uint256 claimId, uint256 endedAt);
    /// @notice Thrown when a market has no assessor group.
    error NoAssessorGroup(uint256 marketId);
    /// @notice Thrown when assessor-group parameters are inconsistent; `reason` names the field.
    error InvalidAssessorParams(bytes32 reason);
    /// @notice Thrown when a pool cannot pay `amount` out of its capital.
    error InsufficientCapital(uint256 amount, uint256 capital);
    /// @notice Thrown when a market's trigger has no disputed proposal to put to the assessors.
    error NoDisputeOpen(uint256 marketId);
    /// @notice Thrown when the trigger's proposal changed since the dispute vote opened.
    error StaleDispute(uint256 disputeId, uint256 proposalId);
    /// @notice Thrown when a claimant challenges its own claim.
    error SelfChallenge(uint256 claimId, address claimant);
    /// @notice Thrown when too little gas is left to give a payout callback its full allowance.
    error InsufficientCallbackGas(uint256 available, uint256 required);
}
