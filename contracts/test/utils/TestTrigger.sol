// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ITrigger, TriggerState} from "../../src/interfaces/ITrigger.sol";

/// @notice A trigger whose state tests set directly.
contract TestTrigger is ITrigger {
    TriggerState public state;
    uint256 internal _time;
    uint256 internal _payoutWad;

    function set(TriggerState s) external {
        state = s;
        if (s == TriggerState.TRIGGERED) (_time, _payoutWad) = (block.timestamp, 1e18);
        emit TriggerStateChanged(s, _time, _payoutWad);
    }

    function incident() external view returns (uint256, uint256) {
        return state == TriggerState.TRIGGERED ? (_time, _payoutWad) : (0, 0);
    }

    function poke() external view returns (TriggerState) {
        return state;
    }
}
