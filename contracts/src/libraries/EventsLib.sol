// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {MarketStatus, RateCurve} from "../types/Types.sol";
import {AssessorRules, ClaimStatus} from "../interfaces/IAssessedClaims.sol";

/// @title EventsLib
/// @notice Every event of the core.
library EventsLib {
    /// @notice Emitted when governance creates market `marketId` over `asset`.
    /// @param trigger The market's trigger (zero for ASSESSED markets).
    /// @param groups The market's correlation-group bitmask.
    event MarketCreated(uint256 indexed marketId, address indexed asset, address trigger, uint64 groups);
    /// @notice Emitted when a market's status changes.
    event MarketStatusChanged(uint256 indexed marketId, MarketStatus status);
    /// @notice Emitted when the risk oracle (or governance) sets a market's base rate.
    event BaseRateUpdated(uint256 indexed marketId, uint256 rateBps);
    /// @notice Emitted when governance creates correlation group `groupId` named `name`.
    event GroupCreated(uint256 indexed groupId, bytes32 name);
    /// @notice Emitted when governance allows or disallows `asset` as a cover asset.
    event CoverAssetSet(address indexed asset, bool allowed);
    /// @notice Emitted when the protocol fee, its recipient or the commission cap change.
    event ProtocolParamsSet(address treasury, uint16 protocolFeeBps, uint16 maxCommissionBps);
    /// @notice Emitted when new risk is paused or resumed protocol-wide.
    event PausedSet(bool paused);
    /// @notice Emitted when pool `pool` is registered with id `poolId`.
    event PoolRegistered(uint256 indexed poolId, address indexed pool, address indexed curator);
    /// @notice Emitted when a pool starts backing a market.
    event MarketPoolAdded(uint256 indexed marketId, uint256 indexed poolId);

    /// @notice Emitted when a curator sets a market's weight and rate curve in a pool.
    /// @param weightBps The share of pool capital that may cover this market.
    /// @param followOracle Whether the base rate follows the market's risk-oracle rate.
    event MarketConfigured(uint256 indexed marketId, uint16 weightBps, RateCurve curve, bool followOracle);
    /// @notice Emitted when a curator sets a correlation-group cap.
    event GroupCapSet(uint256 indexed groupId, uint16 capBps);
    /// @notice Emitted when pool-wide parameters change.
    event PoolParamsSet(uint16 curatorFeeBps, uint32 leverageBps, uint32 cooldown, address depositGate);
    /// @notice Emitted when curatorship moves to `curator`.
    event CuratorSet(address indexed curator);
    /// @notice Emitted when a pool underwrites a slice of cover.
    /// @param amount The cover amount taken by this pool.
    /// @param premium The gross premium for the slice.
    /// @param curatorFee The curator's part of `premium`.
    /// @param protocolFee The protocol's part of `premium`.
    /// @param endBucket The day index at which the slice's exposure and premium stream end.
    event Underwritten(
        uint256 indexed marketId,
        uint256 amount,
        uint256 premium,
        uint256 curatorFee,
        uint256 protocolFee,
        uint256 endBucket
    );
    /// @notice Emitted with ERC-7540's RedeemRequest: `controller`'s request grew by `shares`, valued at
    /// `assets` at the exit price; the whole request is claimable at `claimableAt`.
    event RedeemRequested(address indexed controller, uint256 shares, uint256 assets, uint256 claimableAt);
    /// @notice Emitted when a curator's risk-increasing change is queued behind the pool's timelock.
    /// @param changeId keccak256 of the call's calldata; the same call applies it once `executableAt` has passed.
    event ChangeQueued(bytes32 indexed changeId, uint256 executableAt, bytes data);
    /// @notice Emitted when a curator drops a queued change.
    event ChangeRevoked(bytes32 indexed changeId);
    /// @notice Emitted when a pool's curator timelock changes.
    event TimelockSet(uint256 timelock);
    /// @notice Emitted when a pool that held a slot without backing the market is removed from its backers.
    event MarketPoolRemoved(uint256 indexed marketId, uint256 indexed poolId);
    /// @notice Emitted when governance sets the capacity a pool must keep to hold a slot on a market.
    event MinPoolCapacitySet(uint256 indexed marketId, uint256 minCapacity);
    /// @notice Emitted once per pool slice of a purchase (before its CoverBought), so an indexer needs no log-order matching.
    /// @param amount The cover this pool took. @param premium The premium paid to this pool.
    event PolicySlice(uint256 indexed policyId, uint256 indexed poolId, uint256 amount, uint256 premium);
    /// @notice Emitted when fees are paid out.
    event FeesClaimed(address indexed to, uint256 curatorFees, uint256 protocolFees);

    /// @notice Emitted when policy `policyId` is bought.
    /// @param premium The premium paid to the pools (commission excluded).
    /// @param commission The integrator's commission paid on top.
    event CoverBought(
        uint256 indexed policyId,
        uint256 indexed marketId,
        address indexed owner,
        uint256 amount,
        uint256 premium,
        uint256 commission,
        uint256 start,
        uint256 end,
        address integrator
    );

    /* CLAIMS */

    /// @notice Emitted when a pool earmarks its share of an incident's payouts.
    /// @param eligible Exposure active at the incident time (conservative to the day).
    /// @param required Payouts owed on `eligible`; `funded` is what the pool could pay (less on a haircut).
    event IncidentReserved(uint256 indexed marketId, uint256 eligible, uint256 required, uint256 funded);
    /// @notice Emitted when a parametric market is settled.
    /// @param payoutPerUnitWad Payout per unit of cover after deductible, 1e18 = 100%, before any haircut.
    /// @param required Total owed across pools; `funded` what they reserved. funded < required is the haircut.
    event MarketSettled(
        uint256 indexed marketId, uint256 incidentTime, uint256 payoutPerUnitWad, uint256 required, uint256 funded
    );
    /// @notice Emitted when a policy is paid.
    event PolicyPaid(uint256 indexed policyId, uint256 indexed marketId, address indexed to, uint256 amount);
    /// @notice Emitted when unclaimed reserve returns to a pool after the claim window.
    event ReserveReturned(uint256 indexed marketId, uint256 indexed poolId, uint256 amount);
    /// @notice Emitted when a pool holds or releases capital for a pending assessed claim.
    event ClaimHold(uint256 amount, bool held);
    /// @notice Emitted when a pool pays an approved assessed claim.
    event ClaimPaidFromPool(address indexed to, uint256 amount);

    /* ASSESSED CLAIMS */

    /// @notice Emitted when a claim is filed.
    /// @param claimId The new claim.
    /// @param policyId The policy claimed on.
    /// @param claimant The policy owner who filed it (and posted the deposit).
    /// @param amount The amount claimed.
    /// @param evidenceURI Where the evidence is.
    event ClaimSubmitted(
        uint256 indexed claimId, uint256 indexed policyId, address indexed claimant, uint256 amount, string evidenceURI
    );
    /// @notice Emitted when a fast-track claim is challenged and goes to a vote.
    /// @param claimId The claim.
    /// @param challenger Who challenged it.
    /// @param bond The bond the challenger posted.
    event ClaimChallenged(uint256 indexed claimId, address indexed challenger, uint256 bond);
    /// @notice Emitted when an assessor votes on a claim.
    /// @param claimId The claim.
    /// @param assessor The voter.
    /// @param approve Whether the vote approves the claim.
    /// @param deadline The end of the vote after this vote (a late vote extends it).
    event Voted(uint256 indexed claimId, address indexed assessor, bool approve, uint256 deadline);
    /// @notice Emitted when a claim changes status.
    /// @param claimId The claim.
    /// @param status The new status.
    event ClaimStatusChanged(uint256 indexed claimId, ClaimStatus status);
    /// @notice Emitted when an approved claim is paid.
    /// @param claimId The claim.
    /// @param to The policy's owner at payment.
    /// @param amount The amount paid.
    event ClaimRedeemed(uint256 indexed claimId, address indexed to, uint256 amount);
    /// @notice Emitted when an assessor group is created.
    /// @param groupId The new group.
    /// @param members Its members.
    /// @param rules Its rules (with `members` set to the member count).
    event AssessorGroupCreated(uint256 indexed groupId, address[] members, AssessorRules rules);
    /// @notice Emitted when a market's assessor group is set.
    /// @param marketId The market.
    /// @param groupId The group now assessing its claims.
    event MarketAssessorsSet(uint256 indexed marketId, uint256 indexed groupId);
    /// @notice Emitted when a disputed optimistic-trigger proposal goes to a vote.
    /// @param disputeId The new dispute vote.
    /// @param marketId The market whose trigger holds the proposal.
    /// @param proposalId The trigger's proposal.
    /// @param deadline The end of the vote.
    event TriggerDisputeOpened(uint256 indexed disputeId, uint256 indexed marketId, uint256 proposalId, uint256 deadline);
    /// @notice Emitted when an assessor votes on a trigger dispute.
    /// @param disputeId The dispute vote.
    /// @param assessor The voter.
    /// @param uphold Whether the vote upholds the incident.
    /// @param deadline The end of the vote after this vote.
    event DisputeVoted(uint256 indexed disputeId, address indexed assessor, bool uphold, uint256 deadline);
    /// @notice Emitted when a trigger dispute is resolved.
    /// @param disputeId The dispute vote.
    /// @param upheld Whether the incident stands.
    event TriggerDisputeResolved(uint256 indexed disputeId, bool upheld);
    /// @notice Emitted when the claim parameters change.
    /// @param challengeWindow Seconds a fast-track claim can be challenged.
    /// @param depositBps The claimant's deposit, in bps of the amount claimed.
    /// @param bondBps The challenger's bond, in bps of the amount claimed.
    event ClaimParamsSet(uint32 challengeWindow, uint16 depositBps, uint16 bondBps);
    /// @notice Emitted when bonds slashed in a trigger's disputes are sent to the treasury.
    /// @param marketId The market whose trigger held them.
    /// @param treasury The recipient.
    /// @param amount How much.
    event TriggerBondsCollected(uint256 indexed marketId, address indexed treasury, uint256 amount);
}
