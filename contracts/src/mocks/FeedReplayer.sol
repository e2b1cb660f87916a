// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ITrigger, TriggerState} from "../interfaces/ITrigger.sol";
import {MockAggregator} from "./MockAggregator.sol";

/// @title FeedReplayer
/// @notice Replays one recorded round into every mock feed and pokes the trigger, in one transaction: a replay
/// keeper sends one `step` per round at the round's real timestamp. Test and devnet use only.
contract FeedReplayer {
    MockAggregator[] private _feeds;
    ITrigger public immutable trigger;

    constructor(MockAggregator[] memory feeds_, ITrigger trigger_) {
        _feeds = feeds_;
        trigger = trigger_;
    }

    /// @notice Sets the round on every feed, then pokes the trigger.
    /// @return The trigger's state after the poke.
    function step(uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
        external
        returns (TriggerState)
    {
        uint256 n = _feeds.length;
        for (uint256 i; i < n; ++i) {
            _feeds[i].setRound(roundId, answer, startedAt, updatedAt, answeredInRound);
        }
        return trigger.poke();
    }
}
