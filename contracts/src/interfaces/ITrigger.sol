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
    /// @dev Warning: returns (0, 0) unless the state is TRIGGERED.
    function incident() external view returns (uint256 time, uint256 payoutWad);

    /// @notice Re-evaluates the rule on current observations; callable by anyone (keepers).
    /// @return The state after the evaluation.
    function poke() external returns (TriggerState);
}
