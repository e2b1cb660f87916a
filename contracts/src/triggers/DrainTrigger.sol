// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ITrigger, TriggerState} from "../interfaces/ITrigger.sol";
import {IDrainTrigger} from "../interfaces/IDrainTrigger.sol";
import {ITvlReader} from "../interfaces/ITvlReader.sol";
import {TriggerBase} from "./TriggerBase.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {WAD} from "../libraries/ConstantsLib.sol";

/// @title DrainTrigger
/// @notice Fires when an observed balance or TVL falls more than a set fraction below its rolling-window maximum
/// and stays there, seen in several blocks, for a confirmation delay. See IDrainTrigger.
contract DrainTrigger is IDrainTrigger, TriggerBase {
    /// @notice The most buckets the window can be split into.
    uint256 public constant MAX_BUCKETS = 24;

    /// @inheritdoc IDrainTrigger
    uint256 public constant CONFIRMATIONS = 3;

    /// @notice Gas a read of the observed value may use; a read that needs more counts as no observation.
    uint256 public constant READ_GAS = 100_000;

    /// @dev Values are stored in 168 bits; larger values saturate (over 3e50, never reached by real balances).
    uint256 private constant VALUE_MAX = type(uint168).max;

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

    /// @dev One slot: when the open drop was first seen (0 = none), the last block that saw it, how many distinct
    /// blocks saw it, and the maximum it is measured against.
    struct Candidate {
        uint40 time;
        uint40 lastBlock;
        uint8 blocks;
        uint168 peak;
    }

    /// @dev Packed with TriggerBase._state in one slot, so a repeated poke in one block costs one SLOAD: the block
    /// of the last poke and the value it saw (the minimum of the values seen in that block).
    uint40 private _lastBlock;
    uint168 private _lastValue;
    Candidate private _candidate;
    Bucket[MAX_BUCKETS] private _buckets;

    /// @param source_ The token (when `holder_` is set) or the ITvlReader (when `holder_` is zero).
    /// @param holder_ The account whose token balance is observed, or zero.
    /// @param maxDropWad_ The drop that fires it, 1e18 = 100%.
    /// @param window_ The rolling window in seconds.
    /// @param bucketCount_ Buckets per window (storage and gas per poke grow with it).
    /// @param confirmDelay_ Seconds a drop must persist, seen in CONFIRMATIONS distinct blocks, before it fires.
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
        (, uint256 value) = _read();
        (_lastBlock, _lastValue) = (SafeCast.toUint40(block.number), _toStored(value));
    }

    /// @inheritdoc ITrigger
    /// @dev Cheap path: a repeated poke in one block that sees no lower value than the block's earlier pokes can
    /// change nothing while ACTIVE, and returns after one SLOAD and the read.
    function poke() external returns (TriggerState) {
        TriggerState s = _state;
        if (s == TriggerState.TRIGGERED) return s;

        (bool ok, uint256 value) = _read();
        if (!ok) {
            emit ReadFailed();
            return s;
        }
        uint168 stored = _toStored(value);
        if (s == TriggerState.ACTIVE && block.number == _lastBlock && stored >= _lastValue) return s;
        _recordSustained(stored);

        if (s == TriggerState.ACTIVE) {
            uint256 peak = _windowMax();
            emit Observed(value, peak);
            if (value < _threshold(peak)) {
                _candidate = Candidate(
                    SafeCast.toUint40(block.timestamp), SafeCast.toUint40(block.number), 1, _toStored(peak)
                );
                _freeze(block.timestamp);
                return TriggerState.FROZEN;
            }
            return s;
        }

        Candidate memory c = _candidate;
        emit Observed(value, c.peak);
        if (value >= _threshold(c.peak)) {
            // A reading back above the threshold, in this block or a later one, contradicts the drop.
            delete _candidate;
            _unfreeze();
            return TriggerState.ACTIVE;
        }
        if (block.number == c.lastBlock) return s;
        c.lastBlock = SafeCast.toUint40(block.number);
        if (c.blocks < type(uint8).max) ++c.blocks;
        if (c.blocks >= CONFIRMATIONS && block.timestamp >= uint256(c.time) + CONFIRM_DELAY) {
            uint256 earliest = _earliestIncidentTime();
            delete _candidate;
            // Rounds down: favours the pool.
            _fire(c.time > earliest ? c.time : earliest, Math.mulDiv(c.peak - value, WAD, c.peak));
            return TriggerState.TRIGGERED;
        }
        _candidate = c;
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
    function currentValue() external view returns (uint256 value) {
        (, value) = _read();
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

    /// @inheritdoc IDrainTrigger
    function confirmations() external view returns (uint256) {
        return _candidate.blocks;
    }

    /// @dev Records min(value, last value seen in an earlier block) into the current bucket; within one block the
    /// last value only goes down, so a value inflated inside a block never reaches the maximum.
    function _recordSustained(uint168 v) private {
        (uint256 lastBlock, uint168 lastValue) = (_lastBlock, _lastValue);
        if (block.number == lastBlock) {
            if (v < lastValue) _lastValue = v;
            return;
        }
        (_lastBlock, _lastValue) = (SafeCast.toUint40(block.number), v);
        uint168 sustained = v < lastValue ? v : lastValue;
        uint256 epoch = block.timestamp / BUCKET_SECONDS;
        Bucket storage b = _buckets[epoch % BUCKET_COUNT];
        Bucket memory cur = b;
        if (cur.epoch != epoch) {
            (b.epoch, b.max) = (SafeCast.toUint40(epoch), sustained);
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

    /// @dev Reads the observed value with a gas cap; a source that reverts, runs out of gas or returns fewer than 32
    /// bytes gives ok = false, so a poke never reverts on it.
    function _read() private view returns (bool ok, uint256 value) {
        bytes memory data = HOLDER == address(0)
            ? abi.encodeCall(ITvlReader.tvl, ())
            : abi.encodeCall(IERC20.balanceOf, (HOLDER));
        address target = SOURCE;
        uint256 gasCap = READ_GAS;
        assembly ("memory-safe") {
            ok := staticcall(gasCap, target, add(data, 0x20), mload(data), 0, 0x20)
            if lt(returndatasize(), 0x20) { ok := 0 }
            value := mul(mload(0), ok)
        }
    }

    function _toStored(uint256 value) private pure returns (uint168) {
        return value > VALUE_MAX ? type(uint168).max : uint168(value);
    }
}
