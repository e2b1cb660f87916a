// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ITrigger} from "./ITrigger.sol";

/// @title ICommitteeTrigger
/// @notice M-of-N members attest an incident (time, payout ratio). When M members attest the same incident the
/// trigger is FROZEN for a challenge period, during which the vetoer (governance) may veto it (back to ACTIVE,
/// every attestation cleared); after the period anyone's poke fires it.
/// @dev Members, threshold, vetoer and challenge period are fixed at construction. Attestations are counted per
/// (epoch, time, payout); a veto starts a new epoch, which clears them all in O(1).
interface ICommitteeTrigger is ITrigger {
    /// @notice Thrown when the member list is empty, too long, or the threshold is not in [1, members].
    error InvalidThreshold(uint256 threshold, uint256 memberCount);
    /// @notice Thrown when a member is the zero address or listed twice.
    error InvalidMember(address member);
    /// @notice Thrown when the vetoer is the zero address.
    error ZeroVetoer();
    /// @notice Thrown when the caller is not a member.
    error NotMember(address caller);
    /// @notice Thrown when the caller is not the vetoer.
    error NotVetoer(address caller);
    /// @notice Thrown when an attestation is made while the trigger is not ACTIVE.
    error NotActive(uint8 state);
    /// @notice Thrown when a veto is made while the trigger is not FROZEN.
    error NotFrozen(uint8 state);
    /// @notice Thrown when a veto comes at or after the end of the challenge period.
    error ChallengePeriodOver(uint256 deadline);
    /// @notice Thrown when the payout ratio is zero or above 1e18.
    error InvalidPayout(uint256 payoutWad);
    /// @notice Thrown when the member already attested this incident.
    error AlreadyAttested(address member, uint256 time, uint256 payoutWad);

    /// @notice Emitted when a member attests an incident.
    /// @param member The member.
    /// @param time The incident time.
    /// @param payoutWad The payout ratio.
    /// @param count How many members have attested this incident so far.
    event Attested(address indexed member, uint256 time, uint256 payoutWad, uint256 count);

    /// @notice Emitted when the vetoer vetoes the pending incident.
    /// @param time The vetoed incident time.
    /// @param payoutWad The vetoed payout ratio.
    event Vetoed(uint256 time, uint256 payoutWad);

    /// @notice Attests an incident; the threshold-th matching attestation freezes the trigger.
    /// @dev Reverts unless the caller is a member, the state is ACTIVE, earliestIncidentTime() <= time <= now
    /// (IncidentTooOld, IncidentInFuture), 0 < payoutWad <= 1e18, and the caller has not attested this incident
    /// since the last veto.
    /// @return count How many members have attested this incident.
    function attest(uint256 time, uint256 payoutWad) external returns (uint256 count);

    /// @notice Vetoes the pending incident during the challenge period; clears every attestation.
    /// @dev Only the vetoer, only while FROZEN and before frozenAt + challengePeriod.
    function veto() external;

    /// @notice The earliest incident time an attestation may give now: max(deployment, now - MAX_INCIDENT_LOOKBACK).
    function earliestIncidentTime() external view returns (uint256);

    /// @notice Whether `account` is a member.
    function isMember(address account) external view returns (bool);

    /// @notice The number of members.
    function memberCount() external view returns (uint256);

    /// @notice Matching attestations needed.
    function threshold() external view returns (uint256);

    /// @notice The address allowed to veto.
    function vetoer() external view returns (address);

    /// @notice Seconds the vetoer has to veto a frozen incident.
    function challengePeriod() external view returns (uint256);

    /// @notice How many members attested (time, payoutWad) since the last veto.
    function attestations(uint256 time, uint256 payoutWad) external view returns (uint256);

    /// @notice The incident awaiting the end of its challenge period (all zero unless FROZEN).
    function pending() external view returns (uint256 time, uint256 payoutWad, uint256 frozenAt);
}
