// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ITrigger, TriggerState} from "../../src/interfaces/ITrigger.sol";

/// @notice A trigger whose state tests set directly; keeps INV-TRIGGER (TRIGGERED is final).
contract ManualTrigger is ITrigger {
    TriggerState public state;
    uint256 internal _time;
    uint256 internal _payoutWad;

    function setFrozen(bool frozen) external {
        require(state != TriggerState.TRIGGERED, "final");
        state = frozen ? TriggerState.FROZEN : TriggerState.ACTIVE;
    }

    function fire(uint256 time, uint256 payoutWad) external {
        require(state != TriggerState.TRIGGERED, "final");
        state = TriggerState.TRIGGERED;
        (_time, _payoutWad) = (time, payoutWad);
        emit TriggerStateChanged(TriggerState.TRIGGERED, time, payoutWad);
    }

    function incident() external view returns (uint256, uint256) {
        return state == TriggerState.TRIGGERED ? (_time, _payoutWad) : (0, 0);
    }

    function poke() external view returns (TriggerState) {
        return state;
    }
}
