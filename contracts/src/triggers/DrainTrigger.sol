// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ITrigger, TriggerState} from "../interfaces/ITrigger.sol";
import {IDrainTrigger} from "../interfaces/IDrainTrigger.sol";
import {ITvlReader} from "../interfaces/ITvlReader.sol";
import {TriggerBase} from "./TriggerBase.sol";

/// @title DrainTrigger
/// @notice Fires when an observed balance or TVL falls more than a set fraction below its rolling-window maximum
/// and stays there for a confirmation delay. See IDrainTrigger.
contract DrainTrigger is IDrainTrigger, TriggerBase {
    /// @notice The most buckets the window can be split into.
    uint256 public constant MAX_BUCKETS = 24;

    /// @dev Values are stored in 216 bits; larger values saturate (over 1e65, never reached by real balances).
    uint256 private constant VALUE_MAX = type(uint216).max;

    address private immutable SOURCE;
    address private immutable HOLDER;
    uint256 private immutable MAX_DROP_WAD;
    uint256 private immutable WINDOW;
    uint256 private immutable BUCKET_COUNT;
    uint256 private immutable BUCKET_SECONDS;
    uint256 private immutable CONFIRM_DELAY;

    /// @dev One slot per bucket: the bucket's epoch (timestamp / bucket seconds) and the maximum recorded in it.
    struct Bucket {
        uint40 epoch;
        uint216 max;
    }

    /// @dev One slot: block number of the last poke and the value it saw (min of the values seen in that block).
    struct Last {
        uint40 blockNumber;
        uint216 value;
    }

    /// @dev One slot: when the open drop was first seen (0 = none) and the maximum it is measured against.
    struct Candidate {
        uint40 time;
        uint216 peak;
    }

    Bucket[MAX_BUCKETS] private _buckets;
    Last private _last;
    Candidate private _candidate;

    /// @param source_ The token (when `holder_` is set) or the ITvlReader (when `holder_` is zero).
    /// @param holder_ The account whose token balance is observed, or zero.
    /// @param maxDropWad_ The drop that fires it, 1e18 = 100%.
    /// @param window_ The rolling window in seconds.
    /// @param bucketCount_ Buckets per window (storage and gas per poke grow with it).
    /// @param confirmDelay_ Seconds a drop must persist between two pokes.
    constructor(
        address source_,
        address holder_,
        uint256 maxDropWad_,
        uint256 window_,
        uint256 bucketCount_,
        uint256 confirmDelay_
    ) {
        require(source_ != address(0), ZeroSource());
        require(maxDropWad_ > 0 && maxDropWad_ < WAD, InvalidMaxDrop(maxDropWad_));
        require(
            bucketCount_ > 0 && bucketCount_ <= MAX_BUCKETS && window_ >= bucketCount_,
            InvalidBuckets(window_, bucketCount_)
        );
        require(confirmDelay_ > 0 && confirmDelay_ <= window_, InvalidConfirmDelay(confirmDelay_, window_));
        SOURCE = source_;
        HOLDER = holder_;
        MAX_DROP_WAD = maxDropWad_;
        WINDOW = window_;
        BUCKET_COUNT = bucketCount_;
        BUCKET_SECONDS = window_ / bucketCount_;
        CONFIRM_DELAY = confirmDelay_;
        _last = Last(uint40(block.number), _toStored(_read()));
    }

    /// @inheritdoc ITrigger
    function poke() external returns (TriggerState) {
        TriggerState s = _state;
        if (s == TriggerState.TRIGGERED) return s;

        uint256 value = _read();
        _recordSustained(value);

        if (s == TriggerState.ACTIVE) {
            uint256 peak = _windowMax();
            emit Observed(value, peak);
            if (value < _threshold(peak)) {
                _candidate = Candidate(uint40(block.timestamp), uint216(peak));
                _freeze(block.timestamp);
                return TriggerState.FROZEN;
            }
            return s;
        }

        Candidate memory c = _candidate;
        emit Observed(value, c.peak);
        if (value >= _threshold(c.peak)) {
            delete _candidate;
            _unfreeze();
            return TriggerState.ACTIVE;
        }
        if (block.timestamp >= c.time + CONFIRM_DELAY) {
            // Rounds down: favours the pool.
            _fire(c.time, Math.mulDiv(c.peak - value, WAD, c.peak));
            return TriggerState.TRIGGERED;
        }
        return s;
    }

    /// @inheritdoc IDrainTrigger
    function source() external view returns (address) {
        return SOURCE;
    }

    /// @inheritdoc IDrainTrigger
    function holder() external view returns (address) {
        return HOLDER;
    }

    /// @inheritdoc IDrainTrigger
    function maxDropWad() external view returns (uint256) {
        return MAX_DROP_WAD;
    }

    /// @inheritdoc IDrainTrigger
    function window() external view returns (uint256) {
        return WINDOW;
    }

    /// @inheritdoc IDrainTrigger
    function bucketCount() external view returns (uint256) {
        return BUCKET_COUNT;
    }

    /// @inheritdoc IDrainTrigger
    function confirmDelay() external view returns (uint256) {
        return CONFIRM_DELAY;
    }

    /// @inheritdoc IDrainTrigger
    function currentValue() external view returns (uint256) {
        return _read();
    }

    /// @inheritdoc IDrainTrigger
    function windowMax() external view returns (uint256) {
        return _windowMax();
    }

    /// @inheritdoc IDrainTrigger
    function candidate() external view returns (uint256 time, uint256 peak) {
        Candidate memory c = _candidate;
        return (c.time, c.peak);
    }

    /// @dev Records min(value, last value seen in an earlier block) into the current bucket; within one block the
    /// last value only goes down, so a value inflated inside a block never reaches the maximum.
    function _recordSustained(uint256 value) private {
        uint216 v = _toStored(value);
        Last memory last = _last;
        if (block.number == last.blockNumber) {
            if (v < last.value) _last.value = v;
            return;
        }
        _last = Last(uint40(block.number), v);
        uint216 sustained = v < last.value ? v : last.value;
        uint256 epoch = block.timestamp / BUCKET_SECONDS;
        Bucket storage b = _buckets[epoch % BUCKET_COUNT];
        Bucket memory cur = b;
        if (cur.epoch != epoch) {
            b.epoch = uint40(epoch);
            b.max = sustained;
        } else if (sustained > cur.max) {
            b.max = sustained;
        }
    }

    /// @dev The maximum over the buckets whose epoch lies within the last `BUCKET_COUNT` epochs.
    function _windowMax() private view returns (uint256 peak) {
        uint256 epoch = block.timestamp / BUCKET_SECONDS;
        for (uint256 i; i < BUCKET_COUNT; ++i) {
            Bucket memory b = _buckets[i];
            if (b.epoch + BUCKET_COUNT > epoch && b.max > peak) peak = b.max;
        }
    }

    /// @dev The value below which `peak` counts as drained: peak x (1 - maxDrop), rounded down (favours the pool).
    function _threshold(uint256 peak) private view returns (uint256) {
        return Math.mulDiv(peak, WAD - MAX_DROP_WAD, WAD);
    }

    function _read() private view returns (uint256) {
        if (HOLDER == address(0)) return ITvlReader(SOURCE).tvl();
        return IERC20(SOURCE).balanceOf(HOLDER);
    }

    function _toStored(uint256 value) private pure returns (uint216) {
        return value > VALUE_MAX ? uint216(VALUE_MAX) : uint216(value);
    }
}
