// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ITrigger, TriggerState} from "../../src/interfaces/ITrigger.sol";

/// @notice A trigger whose observations can land without being read: `state()` reports what the last poke saw
/// until someone pokes, like a peg trigger whose feeds have posted de-peg rounds nobody has read yet.
contract LazyTrigger is ITrigger {
    TriggerState public state;
    bool public landed;

    /// @notice Observations that freeze the trigger have landed; the next poke reads them.
    function land() external {
        landed = true;
    }

    function incident() external pure returns (uint256, uint256) {
        return (0, 0);
    }

    function poke() external returns (TriggerState) {
        if (landed && state == TriggerState.ACTIVE) {
            state = TriggerState.FROZEN;
            emit TriggerStateChanged(TriggerState.FROZEN, block.timestamp, 0);
        }
        return state;
    }
}
