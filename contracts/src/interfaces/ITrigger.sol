// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

/// @notice The state a trigger reports. Transitions: ACTIVE <-> FROZEN -> TRIGGERED; TRIGGERED is final.
/// @dev FROZEN means an incident candidate is open (e.g. a de-peg in progress, a proposal under challenge):
/// markets refuse new cover while their trigger is FROZEN, and pools refuse withdrawals.
enum TriggerState {
    ACTIVE,
    FROZEN,
    TRIGGERED
}

/// @title ITrigger
/// @notice A parametric rule over observable facts that reports whether an incident happened.
/// @dev Triggers are never trusted beyond their own rule. Every implementation guarantees INV-TRIGGER:
/// once TRIGGERED it never leaves that state and its incident time and payout ratio never change.
interface ITrigger {
    /// @notice Thrown when a given incident time is earlier than max(the trigger's deployment, now -
    /// MAX_INCIDENT_LOOKBACK).
    error IncidentTooOld(uint256 time, uint256 earliest);
    /// @notice Thrown when a given incident time is later than now.
    error IncidentInFuture(uint256 time, uint256 nowTime);

    /// @notice Emitted when the trigger's state changes.
    /// @param state The new state.
    /// @param incidentTime The incident time (unix seconds) when `state` is TRIGGERED, else the candidate start or 0.
    /// @param payoutWad The payout ratio (1e18 = 100%) when TRIGGERED, else 0.
    event TriggerStateChanged(TriggerState indexed state, uint256 incidentTime, uint256 payoutWad);

    /// @notice The current state.
    function state() external view returns (TriggerState);

    /// @notice The incident once TRIGGERED.
    /// @return time The incident time: cover that started after it never pays for it.
    /// @return payoutWad The payout ratio, 1e18 = 100%; used by PROPORTIONAL markets, BINARY markets pay 100%.
    /// @dev Warning: returns (0, 0) unless the state is TRIGGERED. The incident time is never earlier than the
    /// trigger's deployment, nor earlier than MAX_INCIDENT_LOOKBACK before the moment the incident was reported
    /// (proposed, attested, or first observed).
    function incident() external view returns (uint256 time, uint256 payoutWad);

    /// @notice Re-evaluates the rule on current observations; callable by anyone (keepers), and by the core before
    /// it reads the state (cover sales, LP exits).
    /// @dev Never reverts on missing, stale or malformed observations (they count as no observation), and is cheap
    /// when nothing changes.
    /// @return The state after the evaluation.
    function poke() external returns (TriggerState);
}
