// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ITrigger, TriggerState} from "../interfaces/ITrigger.sol";

/// @title MockTrigger
/// @notice A trigger whose state is set by hand, for tests and the devnet. TRIGGERED stays final.
contract MockTrigger is ITrigger {
    /// @notice Thrown when the state is changed after the trigger fired (INV-TRIGGER).
    error AlreadyTriggered();

    TriggerState public state;
    uint256 internal _time;
    uint256 internal _payoutWad;

    /// @notice Opens (true) or cancels (false) an incident candidate.
    function setFrozen(bool frozen) external {
        require(state != TriggerState.TRIGGERED, AlreadyTriggered());
        state = frozen ? TriggerState.FROZEN : TriggerState.ACTIVE;
        emit TriggerStateChanged(state, frozen ? block.timestamp : 0, 0);
    }

    /// @notice Fires the trigger with incident `time` and payout ratio `payoutWad` (1e18 = 100%).
    function fire(uint256 time, uint256 payoutWad) external {
        require(state != TriggerState.TRIGGERED, AlreadyTriggered());
        state = TriggerState.TRIGGERED;
        _time = time;
        _payoutWad = payoutWad;
        emit TriggerStateChanged(TriggerState.TRIGGERED, time, payoutWad);
    }

    function incident() external view returns (uint256, uint256) {
        return state == TriggerState.TRIGGERED ? (_time, _payoutWad) : (0, 0);
    }

    function poke() external view returns (TriggerState) {
        return state;
    }
}
