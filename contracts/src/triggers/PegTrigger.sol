// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ITrigger, TriggerState} from "../interfaces/ITrigger.sol";
import {IPegTrigger} from "../interfaces/IPegTrigger.sol";
import {TriggerBase} from "./TriggerBase.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {WAD} from "../libraries/ConstantsLib.sol";

/// @title PegTrigger
/// @notice Fires when the median of several Chainlink-compatible feeds stays below a trigger price for a window
/// without recovering (the Etherisc USDC de-peg rule). See IPegTrigger for the observation rules.
contract PegTrigger is IPegTrigger, TriggerBase {
    /// @notice The most feeds one trigger reads; feeds live in immutables to keep a poke cheap.
    uint256 public constant MAX_FEEDS = 5;

    /// @notice Gas each feed read may use; a read that needs more counts as a failed feed.
    uint256 public constant FEED_CALL_GAS = 100_000;

    /// @dev Bits per packed timestamp in `_times`.
    uint256 private constant TIME_BITS = 40;
    uint256 private constant TIME_MASK = (1 << TIME_BITS) - 1;

    AggregatorV3Interface private immutable FEED0;
    AggregatorV3Interface private immutable FEED1;
    AggregatorV3Interface private immutable FEED2;
    AggregatorV3Interface private immutable FEED3;
    AggregatorV3Interface private immutable FEED4;
    uint256 private immutable FEED_COUNT;
    int256 private immutable PEG;
    int256 private immutable TRIGGER_PRICE;
    int256 private immutable RECOVERY_PRICE;
    uint256 private immutable WINDOW;
    uint256 private immutable MAX_STALENESS;
    uint256 private immutable MIN_FRESH_FEEDS;
    AggregatorV3Interface private immutable SEQUENCER_FEED;
    uint256 private immutable GRACE_PERIOD;

    /// @dev Packed after TriggerBase._state in one slot, 40 bits each: bits [0, 40) the open candidate's start
    /// (0 = none); bits [40(i+1), 40(i+2)) the updatedAt of the last answer used from feed i.
    uint240 private _times;

    /// @param feeds_ The price feeds (1 to MAX_FEEDS, distinct, same decimals).
    /// @param peg_ The peg in feed units.
    /// @param triggerPrice_ A consensus below it opens a candidate.
    /// @param recoveryPrice_ A consensus at or above it cancels the candidate.
    /// @param window_ Seconds a candidate must last before the trigger fires.
    /// @param maxStaleness_ Seconds after which a feed answer is stale.
    /// @param minFreshFeeds_ Fresh feeds an observation needs (use >= 2 so one bad feed cannot fire it).
    /// @param sequencerFeed_ The L2 sequencer uptime feed, or the zero address on L1.
    /// @param gracePeriod_ Seconds after the sequencer comes back up during which pokes change nothing.
    constructor(
        AggregatorV3Interface[] memory feeds_,
        int256 peg_,
        int256 triggerPrice_,
        int256 recoveryPrice_,
        uint256 window_,
        uint256 maxStaleness_,
        uint256 minFreshFeeds_,
        AggregatorV3Interface sequencerFeed_,
        uint256 gracePeriod_
    ) {
        uint256 n = feeds_.length;
        require(n > 0, NoFeeds());
        require(n <= MAX_FEEDS, TooManyFeeds(n, MAX_FEEDS));
        uint8 decimals;
        for (uint256 i; i < n; ++i) {
            address feed = address(feeds_[i]);
            require(feed != address(0), InvalidFeed(i, feed));
            for (uint256 j; j < i; ++j) {
                require(address(feeds_[j]) != feed, InvalidFeed(i, feed));
            }
            uint8 d = feeds_[i].decimals();
            if (i == 0) decimals = d;
            require(d == decimals, FeedDecimalsMismatch(feed, d, decimals));
        }
        require(minFreshFeeds_ > 0 && minFreshFeeds_ <= n, InvalidMinFreshFeeds(minFreshFeeds_, n));
        require(
            0 < triggerPrice_ && triggerPrice_ < recoveryPrice_ && recoveryPrice_ <= peg_,
            InvalidPrices(peg_, triggerPrice_, recoveryPrice_)
        );
        require(window_ > 0 && maxStaleness_ > 0, InvalidDuration(window_, maxStaleness_));

        FEED0 = feeds_[0];
        FEED1 = n > 1 ? feeds_[1] : AggregatorV3Interface(address(0));
        FEED2 = n > 2 ? feeds_[2] : AggregatorV3Interface(address(0));
        FEED3 = n > 3 ? feeds_[3] : AggregatorV3Interface(address(0));
        FEED4 = n > 4 ? feeds_[4] : AggregatorV3Interface(address(0));
        FEED_COUNT = n;
        PEG = peg_;
        TRIGGER_PRICE = triggerPrice_;
        RECOVERY_PRICE = recoveryPrice_;
        WINDOW = window_;
        MAX_STALENESS = maxStaleness_;
        MIN_FRESH_FEEDS = minFreshFeeds_;
        SEQUENCER_FEED = sequencerFeed_;
        GRACE_PERIOD = gracePeriod_;
    }

    /// @inheritdoc ITrigger
    /// @dev The sequencer feed is read only when the observation would change the state: a steady-state poke on
    /// an L2 costs the same as on L1. Expiry is a matter of time, not of observation, so the sequencer does not gate
    /// it.
    function poke() external returns (TriggerState) {
        TriggerState s = _state;
        if (s == TriggerState.TRIGGERED) return s;

        uint256 times = _times;
        (Observation memory o, uint256 newTimes, uint256 faults) = _observe(times);
        if (faults != 0) _emitFaults(faults);
        uint256 candidate = times & TIME_MASK;
        bool enoughFeeds = o.freshFeeds >= MIN_FRESH_FEEDS;
        TriggerState next = enoughFeeds ? _evaluate(s, o, candidate) : s;

        // A candidate that no fresh consensus confirmed or cancelled within window + maxStaleness expires.
        bool expired = s == TriggerState.FROZEN && next == TriggerState.FROZEN
            && block.timestamp > candidate + WINDOW + MAX_STALENESS;
        if (expired) {
            next = TriggerState.ACTIVE;
        } else if (!enoughFeeds) {
            emit ObservationSkipped(SkipReason.TOO_FEW_FRESH_FEEDS);
            return s;
        } else if (next != s && address(SEQUENCER_FEED) != address(0)) {
            (bool ready, SkipReason reason) = _sequencerReady();
            if (!ready) {
                emit ObservationSkipped(reason);
                return s;
            }
        }

        if (next == s) {
            // No transition: only the feeds' last-used times may have moved.
        } else if (next == TriggerState.FROZEN) {
            // Never dated before the trigger existed (a fresh round may predate the deployment).
            candidate = o.time > DEPLOYED_AT ? o.time : DEPLOYED_AT;
            _freeze(candidate);
        } else if (next == TriggerState.TRIGGERED) {
            // A candidate left unpoked for longer than the look-back is dated at the look-back bound.
            uint256 earliest = _earliestIncidentTime();
            _fire(candidate > earliest ? candidate : earliest, payoutFor(o.priceHigh));
        } else {
            if (expired) emit CandidateExpired(candidate);
            candidate = 0;
            _unfreeze();
        }

        newTimes = (newTimes & ~TIME_MASK) | candidate;
        if (newTimes != times) _times = SafeCast.toUint240(newTimes);
        return next;
    }

    /// @dev The rule on one observation with enough fresh feeds. With an even number of fresh feeds the two middle
    /// answers must agree for any transition: open needs both below the trigger price, cancel both at or above the
    /// recovery price, fire both below the recovery price (and a non-zero payout). When they disagree nothing
    /// happens, so one lying feed of two can neither open, fire nor cancel.
    function _evaluate(TriggerState s, Observation memory o, uint256 candidate) private view returns (TriggerState) {
        if (s == TriggerState.ACTIVE) {
            return o.priceHigh < TRIGGER_PRICE ? TriggerState.FROZEN : s;
        }
        // An observation older than the candidate (a fresher feed dropped out) neither cancels nor fires it.
        if (o.time < candidate) return s;
        if (o.priceLow >= RECOVERY_PRICE) return TriggerState.ACTIVE;
        if (
            o.time >= candidate + WINDOW && o.priceHigh < RECOVERY_PRICE && payoutFor(o.priceHigh) != 0
        ) return TriggerState.TRIGGERED;
        return s;
    }

    /// @inheritdoc IPegTrigger
    function observe() external view returns (Observation memory o) {
        (o,,) = _observe(_times);
    }

    /// @inheritdoc IPegTrigger
    function payoutFor(int256 depegPrice) public view returns (uint256) {
        if (depegPrice >= PEG) return 0;
        if (depegPrice <= 0) return WAD;
        // Rounds down: favours the pool.
        return Math.mulDiv(uint256(PEG - depegPrice), WAD, uint256(PEG));
    }

    /// @inheritdoc IPegTrigger
    function feeds() external view returns (AggregatorV3Interface[] memory list) {
        list = new AggregatorV3Interface[](FEED_COUNT);
        for (uint256 i; i < FEED_COUNT; ++i) {
            list[i] = _feed(i);
        }
    }

    /// @inheritdoc IPegTrigger
    function peg() external view returns (int256) {
        return PEG;
    }

    /// @inheritdoc IPegTrigger
    function triggerPrice() external view returns (int256) {
        return TRIGGER_PRICE;
    }

    /// @inheritdoc IPegTrigger
    function recoveryPrice() external view returns (int256) {
        return RECOVERY_PRICE;
    }

    /// @inheritdoc IPegTrigger
    function window() external view returns (uint256) {
        return WINDOW;
    }

    /// @inheritdoc IPegTrigger
    function maxStaleness() external view returns (uint256) {
        return MAX_STALENESS;
    }

    /// @inheritdoc IPegTrigger
    function minFreshFeeds() external view returns (uint256) {
        return MIN_FRESH_FEEDS;
    }

    /// @inheritdoc IPegTrigger
    function sequencerFeed() external view returns (AggregatorV3Interface) {
        return SEQUENCER_FEED;
    }

    /// @inheritdoc IPegTrigger
    function gracePeriod() external view returns (uint256) {
        return GRACE_PERIOD;
    }

    /// @inheritdoc IPegTrigger
    function candidateTime() external view returns (uint256) {
        return _state == TriggerState.FROZEN ? _times & TIME_MASK : 0;
    }

    /// @inheritdoc IPegTrigger
    function candidateExpiresAt() external view returns (uint256) {
        return _state == TriggerState.FROZEN ? (_times & TIME_MASK) + WINDOW + MAX_STALENESS + 1 : 0;
    }

    /// @dev Reads every feed. Returns the observation, `times` with the used feeds' updatedAt recorded, and the
    /// faults packed 4 bits per feed (0 = fresh, else FeedFault + 1).
    function _observe(uint256 times)
        private
        view
        returns (Observation memory o, uint256 newTimes, uint256 faults)
    {
        int256[MAX_FEEDS] memory answers;
        newTimes = times;
        uint256 n;
        for (uint256 i; i < FEED_COUNT; ++i) {
            uint256 shift = TIME_BITS * (i + 1);
            (bool fresh, FeedFault fault, int256 answer, uint256 updatedAt) =
                _read(_feed(i), (times >> shift) & TIME_MASK);
            if (!fresh) {
                faults |= (uint256(fault) + 1) << (4 * i);
                continue;
            }
            // Insertion sort, ascending: at most MAX_FEEDS elements.
            uint256 j = n;
            while (j > 0 && answers[j - 1] > answer) {
                answers[j] = answers[j - 1];
                --j;
            }
            answers[j] = answer;
            ++n;
            if (updatedAt > o.time) o.time = updatedAt;
            newTimes = (newTimes & ~(TIME_MASK << shift)) | (updatedAt << shift);
        }
        o.freshFeeds = n;
        if (n > 0) {
            o.priceLow = answers[(n - 1) / 2];
            o.priceHigh = answers[n / 2];
        }
    }

    /// @dev Reads one feed and classifies its answer; `lastUsed` is the updatedAt of the last answer used from it.
    function _read(AggregatorV3Interface feed, uint256 lastUsed)
        private
        view
        returns (bool fresh, FeedFault fault, int256 answer, uint256 updatedAt)
    {
        (bool ok, uint256 roundId, int256 a,, uint256 u, uint256 answeredInRound) = _latestRoundData(feed);
        if (!ok) return (false, FeedFault.REVERTED, 0, 0);
        if (u > block.timestamp) return (false, FeedFault.FUTURE, a, u);
        if (u + MAX_STALENESS < block.timestamp) return (false, FeedFault.STALE, a, u);
        if (a <= 0) return (false, FeedFault.NON_POSITIVE, a, u);
        if (answeredInRound < roundId) return (false, FeedFault.UNANSWERED_ROUND, a, u);
        if (u < lastUsed) return (false, FeedFault.OUT_OF_SEQUENCE, a, u);
        return (true, fault, a, u);
    }

    /// @dev Chainlink L2 convention: answer 0 = up, 1 = down; startedAt = when the status last changed.
    function _sequencerReady() private view returns (bool, SkipReason) {
        (bool ok,, int256 answer, uint256 startedAt,,) = _latestRoundData(SEQUENCER_FEED);
        if (!ok || answer != 0 || startedAt == 0) return (false, SkipReason.SEQUENCER_DOWN);
        if (startedAt > block.timestamp || block.timestamp < startedAt + GRACE_PERIOD) {
            return (false, SkipReason.SEQUENCER_GRACE_PERIOD);
        }
        return (true, SkipReason.SEQUENCER_DOWN);
    }

    /// @dev `latestRoundData()` with a gas cap, copying at most the 5 expected words: a feed that reverts, burns
    /// gas, returns too little, returns too much, or returns out-of-range values gives ok = false instead of
    /// making the poke revert. So one broken or hostile feed cannot block the others.
    function _latestRoundData(AggregatorV3Interface feed)
        private
        view
        returns (
            bool ok,
            uint256 roundId,
            int256 answer,
            uint256 startedAt,
            uint256 updatedAt,
            uint256 answeredInRound
        )
    {
        bytes4 selector = AggregatorV3Interface.latestRoundData.selector;
        uint256 gasCap = FEED_CALL_GAS;
        assembly ("memory-safe") {
            let out := mload(0x40)
            mstore(0, selector)
            ok := staticcall(gasCap, feed, 0, 4, out, 0xa0)
            if lt(returndatasize(), 0xa0) { ok := 0 }
            roundId := mload(out)
            answer := mload(add(out, 0x20))
            startedAt := mload(add(out, 0x40))
            updatedAt := mload(add(out, 0x60))
            answeredInRound := mload(add(out, 0x80))
        }
        if (roundId > type(uint80).max || answeredInRound > type(uint80).max) ok = false;
    }

    function _emitFaults(uint256 faults) private {
        for (uint256 i; i < FEED_COUNT; ++i) {
            uint256 f = (faults >> (4 * i)) & 0xf;
            if (f != 0) emit FeedIgnored(address(_feed(i)), FeedFault(f - 1));
        }
    }

    function _feed(uint256 i) private view returns (AggregatorV3Interface) {
        if (i == 0) return FEED0;
        if (i == 1) return FEED1;
        if (i == 2) return FEED2;
        if (i == 3) return FEED3;
        return FEED4;
    }
}
