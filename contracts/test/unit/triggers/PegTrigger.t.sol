// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {ITrigger, TriggerState} from "../../../src/interfaces/ITrigger.sol";
import {IPegTrigger} from "../../../src/interfaces/IPegTrigger.sol";
import {PegTrigger} from "../../../src/triggers/PegTrigger.sol";
import {MockAggregator} from "../../../src/mocks/MockAggregator.sol";
import {MAX_INCIDENT_LOOKBACK} from "../../../src/libraries/ConstantsLib.sol";

/// @dev A hostile feed: returns too little, burns all gas, returns a huge payload, or returns out-of-range ids.
contract HostileFeed {
    uint256 public mode;

    function setMode(uint256 mode_) external {
        mode = mode_;
    }

    function decimals() external pure returns (uint8) {
        return 8;
    }

    fallback() external {
        uint256 m = mode;
        if (m == 0) {
            assembly {
                mstore(0, 1)
                return(0, 0x20)
            }
        }
        if (m == 1) {
            while (true) {}
        }
        if (m == 2) {
            assembly {
                return(0, 0x100000)
            }
        }
        bytes memory data = abi.encode(type(uint256).max, int256(0.5e8), block.timestamp, block.timestamp, 0);
        assembly {
            return(add(data, 0x20), mload(data))
        }
    }
}

contract PegTriggerTest is Test {
    int256 internal constant PEG = 1e8;
    int256 internal constant TRIGGER = 0.995e8;
    int256 internal constant RECOVERY = 0.999e8;
    uint256 internal constant WINDOW = 24 hours;
    uint256 internal constant STALENESS = 25 hours;
    uint256 internal constant GRACE = 1 hours;

    MockAggregator[3] internal feeds;
    MockAggregator internal sequencer;
    PegTrigger internal trigger;

    function setUp() public {
        vm.warp(1_700_000_000);
        for (uint256 i; i < 3; ++i) {
            feeds[i] = new MockAggregator(8);
            feeds[i].setAnswer(PEG);
        }
        sequencer = new MockAggregator(0);
        trigger = _deploy(_feedList(), 2, AggregatorV3Interface(address(0)));
    }

    // ---------------------------------------------------------------- helpers

    function _feedList() internal view returns (AggregatorV3Interface[] memory list) {
        list = new AggregatorV3Interface[](3);
        for (uint256 i; i < 3; ++i) {
            list[i] = feeds[i];
        }
    }

    function _deploy(AggregatorV3Interface[] memory list, uint256 k, AggregatorV3Interface seq)
        internal
        returns (PegTrigger)
    {
        return new PegTrigger(list, PEG, TRIGGER, RECOVERY, WINDOW, STALENESS, k, seq, GRACE);
    }

    function _setAll(int256 price) internal {
        for (uint256 i; i < 3; ++i) {
            feeds[i].setAnswer(price);
        }
    }

    function _after(uint256 dt) internal {
        vm.warp(block.timestamp + dt);
        vm.roll(block.number + 1);
    }

    function _assertNeverFired() internal view {
        assertTrue(trigger.state() != TriggerState.TRIGGERED, "fired");
        (uint256 t, uint256 p) = trigger.incident();
        assertEq(t, 0);
        assertEq(p, 0);
    }

    // ------------------------------------------------------------ constructor

    function test_constructor_revertsWithoutFeeds() public {
        vm.expectRevert(IPegTrigger.NoFeeds.selector);
        _deploy(new AggregatorV3Interface[](0), 1, AggregatorV3Interface(address(0)));
    }

    function test_constructor_revertsWithTooManyFeeds(uint256 n) public {
        n = bound(n, 6, 12);
        AggregatorV3Interface[] memory list = new AggregatorV3Interface[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = new MockAggregator(8);
        }
        vm.expectRevert(abi.encodeWithSelector(IPegTrigger.TooManyFeeds.selector, n, 5));
        _deploy(list, 2, AggregatorV3Interface(address(0)));
    }

    function test_constructor_revertsOnDuplicateFeed() public {
        AggregatorV3Interface[] memory list = _feedList();
        list[2] = list[0];
        vm.expectRevert(abi.encodeWithSelector(IPegTrigger.InvalidFeed.selector, 2, address(list[0])));
        _deploy(list, 2, AggregatorV3Interface(address(0)));
    }

    function test_constructor_revertsOnZeroFeed() public {
        AggregatorV3Interface[] memory list = _feedList();
        list[1] = AggregatorV3Interface(address(0));
        vm.expectRevert(abi.encodeWithSelector(IPegTrigger.InvalidFeed.selector, 1, address(0)));
        _deploy(list, 2, AggregatorV3Interface(address(0)));
    }

    function test_constructor_revertsOnDecimalsMismatch(uint8 d) public {
        vm.assume(d != 8);
        AggregatorV3Interface[] memory list = _feedList();
        list[1] = new MockAggregator(d);
        vm.expectRevert(abi.encodeWithSelector(IPegTrigger.FeedDecimalsMismatch.selector, address(list[1]), d, 8));
        _deploy(list, 2, AggregatorV3Interface(address(0)));
    }

    function test_constructor_revertsOnInvalidMinFreshFeeds(uint256 k) public {
        k = k % 2 == 0 ? 0 : bound(k, 4, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IPegTrigger.InvalidMinFreshFeeds.selector, k, 3));
        _deploy(_feedList(), k, AggregatorV3Interface(address(0)));
    }

    function test_constructor_revertsOnInvalidPrices(int256 t, int256 r) public {
        t = bound(t, -1e8, 2e8);
        r = bound(r, -1e8, 2e8);
        vm.assume(!(0 < t && t < r && r <= PEG));
        vm.expectRevert(abi.encodeWithSelector(IPegTrigger.InvalidPrices.selector, PEG, t, r));
        new PegTrigger(_feedList(), PEG, t, r, WINDOW, STALENESS, 2, AggregatorV3Interface(address(0)), 0);
    }

    function test_constructor_revertsOnZeroDuration(bool zeroWindow) public {
        uint256 w = zeroWindow ? 0 : WINDOW;
        uint256 s = zeroWindow ? STALENESS : 0;
        vm.expectRevert(abi.encodeWithSelector(IPegTrigger.InvalidDuration.selector, w, s));
        new PegTrigger(_feedList(), PEG, TRIGGER, RECOVERY, w, s, 2, AggregatorV3Interface(address(0)), 0);
    }

    function test_constructor_storesParameters() public view {
        assertEq(trigger.peg(), PEG);
        assertEq(trigger.triggerPrice(), TRIGGER);
        assertEq(trigger.recoveryPrice(), RECOVERY);
        assertEq(trigger.window(), WINDOW);
        assertEq(trigger.maxStaleness(), STALENESS);
        assertEq(trigger.minFreshFeeds(), 2);
        assertEq(address(trigger.sequencerFeed()), address(0));
        assertEq(trigger.gracePeriod(), GRACE);
        AggregatorV3Interface[] memory list = trigger.feeds();
        assertEq(list.length, 3);
        for (uint256 i; i < 3; ++i) {
            assertEq(address(list[i]), address(feeds[i]));
        }
        assertEq(uint8(trigger.state()), uint8(TriggerState.ACTIVE));
    }

    // ------------------------------------------------------------------- rule

    function test_poke_staysActiveAtOrAboveTriggerPrice(int256 price) public {
        price = bound(price, TRIGGER, 2e8);
        _after(60);
        _setAll(price);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
        assertEq(trigger.candidateTime(), 0);
    }

    function test_poke_freezesBelowTriggerPrice(int256 price) public {
        price = bound(price, 1, TRIGGER - 1);
        _after(60);
        _setAll(price);
        vm.expectEmit(address(trigger));
        emit ITrigger.TriggerStateChanged(TriggerState.FROZEN, block.timestamp, 0);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN));
        assertEq(trigger.candidateTime(), block.timestamp);
        (uint256 t, uint256 p) = trigger.incident();
        assertEq(t + p, 0);
    }

    function test_poke_cancelsOnRecovery(int256 price, uint256 dt) public {
        price = bound(price, RECOVERY, 2e8);
        dt = bound(dt, 1, WINDOW * 3);
        _after(60);
        _setAll(0.97e8);
        trigger.poke();
        _after(dt);
        _setAll(price);
        vm.expectEmit(address(trigger));
        emit ITrigger.TriggerStateChanged(TriggerState.ACTIVE, 0, 0);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
        assertEq(trigger.candidateTime(), 0);
    }

    function test_poke_staysFrozenBelowRecoveryWithinWindow(int256 price, uint256 dt) public {
        price = bound(price, 1, RECOVERY - 1);
        dt = bound(dt, 1, WINDOW - 1);
        _after(60);
        _setAll(0.97e8);
        trigger.poke();
        uint256 start = block.timestamp;
        _after(dt);
        _setAll(price);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN));
        assertEq(trigger.candidateTime(), start);
    }

    function test_poke_firesAtFirstObservationAfterWindow(int256 depeg, uint256 dt) public {
        depeg = bound(depeg, 1, RECOVERY - 1);
        dt = bound(dt, WINDOW, STALENESS);
        _after(60);
        _setAll(0.97e8);
        trigger.poke();
        uint256 start = block.timestamp;
        _after(dt);
        _setAll(depeg);
        uint256 payout = uint256(PEG - depeg) * 1e18 / uint256(PEG);
        vm.expectEmit(address(trigger));
        emit ITrigger.TriggerStateChanged(TriggerState.TRIGGERED, start, payout);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.TRIGGERED));
        (uint256 t, uint256 p) = trigger.incident();
        assertEq(t, start);
        assertEq(p, payout);
    }

    function test_poke_doesNotFireWithoutObservationAfterWindow(uint256 dt) public {
        dt = bound(dt, WINDOW, STALENESS);
        _after(60);
        _setAll(0.97e8);
        trigger.poke();
        _after(dt);
        // No new round: the observation is still dated at the candidate start.
        assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN));
    }

    function test_poke_recoveryAfterWindowCancels() public {
        _after(60);
        _setAll(0.97e8);
        trigger.poke();
        _after(WINDOW + 1);
        _setAll(RECOVERY);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
    }

    function test_poke_newCandidateAfterCancel() public {
        _after(60);
        _setAll(0.97e8);
        trigger.poke();
        _after(3600);
        _setAll(PEG);
        trigger.poke();
        _after(3600);
        _setAll(0.98e8);
        trigger.poke();
        uint256 start = block.timestamp;
        _after(WINDOW);
        _setAll(0.98e8);
        trigger.poke();
        (uint256 t,) = trigger.incident();
        assertEq(t, start);
    }

    function test_poke_triggeredIsFinal(int256 later, uint256 dt) public {
        later = bound(later, 1, 2e8);
        dt = bound(dt, 1, 30 days);
        _after(60);
        _setAll(0.9e8);
        trigger.poke();
        _after(WINDOW);
        _setAll(0.9e8);
        trigger.poke();
        (uint256 t0, uint256 p0) = trigger.incident();
        _after(dt);
        _setAll(later);
        vm.recordLogs();
        assertEq(uint8(trigger.poke()), uint8(TriggerState.TRIGGERED));
        assertEq(vm.getRecordedLogs().length, 0);
        (uint256 t1, uint256 p1) = trigger.incident();
        assertEq(t1, t0);
        assertEq(p1, p0);
    }

    function test_payoutFor_isProportionalAndClamped(int256 price) public view {
        price = bound(price, type(int128).min, type(int128).max);
        uint256 p = trigger.payoutFor(price);
        assertLe(p, 1e18);
        if (price >= PEG) assertEq(p, 0);
        else if (price <= 0) assertEq(p, 1e18);
        else assertEq(p, uint256(PEG - price) * 1e18 / uint256(PEG));
    }

    function test_observe_reportsMedianAndLatestTime() public {
        _after(60);
        feeds[0].setAnswer(0.90e8);
        _after(60);
        feeds[1].setAnswer(0.99e8);
        _after(60);
        feeds[2].setAnswer(1.01e8);
        IPegTrigger.Observation memory o = trigger.observe();
        assertEq(o.freshFeeds, 3);
        assertEq(o.priceLow, 0.99e8);
        assertEq(o.priceHigh, 0.99e8);
        assertEq(o.time, block.timestamp);
    }

    // ------------------------------------------------------------ adversarial

    function test_poke_oneBlockSpikeDoesNotFire(int256 spike) public {
        spike = bound(spike, 1, TRIGGER - 1);
        _after(60);
        _setAll(spike);
        trigger.poke();
        _after(12);
        _setAll(PEG);
        trigger.poke();
        _after(WINDOW);
        _setAll(PEG);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
        _assertNeverFired();
    }

    function test_poke_flashMoveInOneTxDoesNotFire(int256 low) public {
        low = bound(low, 1, TRIGGER - 1);
        _after(60);
        // Drop and restore inside one transaction (one block, one timestamp).
        _setAll(low);
        trigger.poke();
        _setAll(PEG);
        trigger.poke();
        assertEq(uint8(trigger.state()), uint8(TriggerState.ACTIVE));
        _after(WINDOW);
        _setAll(PEG);
        trigger.poke();
        _assertNeverFired();
    }

    function test_poke_ignoresOneStaleFeed(int256 frozenPrice) public {
        frozenPrice = bound(frozenPrice, 1, TRIGGER - 1);
        _after(60);
        feeds[0].setAnswer(frozenPrice);
        _after(STALENESS + 1);
        feeds[1].setAnswer(PEG);
        feeds[2].setAnswer(PEG);
        vm.expectEmit(address(trigger));
        emit IPegTrigger.FeedIgnored(address(feeds[0]), IPegTrigger.FeedFault.STALE);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
        _assertNeverFired();
    }

    function test_poke_tooFewFreshFeedsChangesNothing(int256 price) public {
        price = bound(price, 1, TRIGGER - 1);
        _after(STALENESS + 1);
        feeds[0].setAnswer(price);
        vm.expectEmit(address(trigger));
        emit IPegTrigger.ObservationSkipped(IPegTrigger.SkipReason.TOO_FEW_FRESH_FEEDS);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
    }

    function test_poke_oneLyingFeedOfThreeCannotFire(int256 lie, uint256 which) public {
        lie = bound(lie, 1, TRIGGER - 1);
        which = bound(which, 0, 2);
        for (uint256 step; step < 4; ++step) {
            _after(WINDOW / 2);
            for (uint256 i; i < 3; ++i) {
                feeds[i].setAnswer(i == which ? lie : PEG);
            }
            assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
        }
        _assertNeverFired();
    }

    function test_poke_oneLyingFeedOfTwoFreshCannotFire(int256 lie) public {
        lie = bound(lie, 1, TRIGGER - 1);
        for (uint256 step; step < 4; ++step) {
            _after(WINDOW / 2);
            feeds[0].setAnswer(lie);
            feeds[1].setAnswer(PEG);
            feeds[2].setRound(1, PEG, 1, 1, 1); // stale
            assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
        }
        _assertNeverFired();
    }

    function test_poke_oneLyingFeedOfTwoFreshCannotCancel(int256 lie) public {
        lie = bound(lie, RECOVERY, 2e8);
        _after(60);
        _setAll(0.97e8);
        trigger.poke();
        _after(3600);
        feeds[0].setAnswer(lie);
        feeds[1].setAnswer(0.97e8);
        feeds[2].setRound(1, PEG, 1, 1, 1); // stale
        assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN));
    }

    function test_poke_ignoresNonPositiveAnswers(int256 bad) public {
        bad = bound(bad, type(int192).min, 0);
        _after(60);
        feeds[0].setAnswer(bad);
        feeds[1].setAnswer(bad);
        vm.expectEmit(address(trigger));
        emit IPegTrigger.FeedIgnored(address(feeds[0]), IPegTrigger.FeedFault.NON_POSITIVE);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
        _assertNeverFired();
    }

    function test_poke_ignoresUnansweredRounds(uint80 behind) public {
        behind = uint80(bound(behind, 1, 100));
        _after(60);
        for (uint256 i; i < 2; ++i) {
            feeds[i].setRound(200, 0.5e8, block.timestamp, block.timestamp, 200 - behind);
        }
        vm.expectEmit(address(trigger));
        emit IPegTrigger.FeedIgnored(address(feeds[0]), IPegTrigger.FeedFault.UNANSWERED_ROUND);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
    }

    function test_poke_ignoresFutureRounds(uint256 ahead) public {
        ahead = bound(ahead, 1, 365 days);
        _after(60);
        for (uint256 i; i < 2; ++i) {
            feeds[i].setRound(9, 0.5e8, block.timestamp, block.timestamp + ahead, 9);
        }
        vm.expectEmit(address(trigger));
        emit IPegTrigger.FeedIgnored(address(feeds[0]), IPegTrigger.FeedFault.FUTURE);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
    }

    function test_poke_ignoresOutOfSequenceRounds(uint256 back) public {
        _after(3600);
        _setAll(PEG);
        trigger.poke();
        back = bound(back, 1, 3599);
        _after(60);
        // Two feeds go back to an older (low) round: both are out of sequence.
        for (uint256 i; i < 2; ++i) {
            feeds[i].setRound(1, 0.5e8, block.timestamp - 60 - back, block.timestamp - 60 - back, 1);
        }
        vm.expectEmit(address(trigger));
        emit IPegTrigger.FeedIgnored(address(feeds[0]), IPegTrigger.FeedFault.OUT_OF_SEQUENCE);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
    }

    function test_poke_ignoresRevertingFeed() public {
        _after(60);
        feeds[0].setFailing(true);
        feeds[1].setAnswer(0.9e8);
        feeds[2].setAnswer(0.9e8);
        vm.expectEmit(address(trigger));
        emit IPegTrigger.FeedIgnored(address(feeds[0]), IPegTrigger.FeedFault.REVERTED);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN));
    }

    function test_poke_hostileFeedCannotFireOrBlock(uint256 mode) public {
        mode = bound(mode, 0, 3);
        HostileFeed hostile = new HostileFeed();
        hostile.setMode(mode);
        AggregatorV3Interface[] memory list = _feedList();
        list[0] = AggregatorV3Interface(address(hostile));
        PegTrigger t = _deploy(list, 2, AggregatorV3Interface(address(0)));
        _after(60);
        feeds[1].setAnswer(PEG);
        feeds[2].setAnswer(PEG);
        vm.expectEmit(address(t));
        emit IPegTrigger.FeedIgnored(address(hostile), IPegTrigger.FeedFault.REVERTED);
        assertEq(uint8(t.poke{gas: 1_000_000}()), uint8(TriggerState.ACTIVE));
        // The two honest feeds still move it.
        _after(60);
        feeds[1].setAnswer(0.9e8);
        feeds[2].setAnswer(0.9e8);
        assertEq(uint8(t.poke{gas: 1_000_000}()), uint8(TriggerState.FROZEN));
    }

    function test_poke_sequencerDownChangesNothing(uint256 dt) public {
        dt = bound(dt, 0, WINDOW * 2);
        PegTrigger l2 = _deploy(_feedList(), 2, sequencer);
        sequencer.setRound(1, 1, block.timestamp, block.timestamp, 1); // down
        _after(dt);
        _setAll(0.5e8);
        vm.expectEmit(address(l2));
        emit IPegTrigger.ObservationSkipped(IPegTrigger.SkipReason.SEQUENCER_DOWN);
        assertEq(uint8(l2.poke()), uint8(TriggerState.ACTIVE));
    }

    function test_poke_sequencerGracePeriodChangesNothing(uint256 dt) public {
        dt = bound(dt, 0, GRACE - 1);
        PegTrigger l2 = _deploy(_feedList(), 2, sequencer);
        sequencer.setRound(1, 0, block.timestamp, block.timestamp, 1); // back up now
        _after(dt);
        _setAll(0.5e8);
        vm.expectEmit(address(l2));
        emit IPegTrigger.ObservationSkipped(IPegTrigger.SkipReason.SEQUENCER_GRACE_PERIOD);
        assertEq(uint8(l2.poke()), uint8(TriggerState.ACTIVE));
    }

    function test_poke_sequencerUpAfterGraceEvaluates() public {
        PegTrigger l2 = _deploy(_feedList(), 2, sequencer);
        sequencer.setRound(1, 0, block.timestamp, block.timestamp, 1);
        _after(GRACE);
        _setAll(0.5e8);
        assertEq(uint8(l2.poke()), uint8(TriggerState.FROZEN));
    }

    function test_poke_sequencerDownDuringCandidateBlocksFiring() public {
        PegTrigger l2 = _deploy(_feedList(), 2, sequencer);
        sequencer.setRound(1, 0, block.timestamp, block.timestamp, 1);
        _after(GRACE);
        _setAll(0.9e8);
        l2.poke();
        _after(WINDOW);
        sequencer.setRound(2, 1, block.timestamp, block.timestamp, 2);
        _setAll(0.9e8);
        assertEq(uint8(l2.poke()), uint8(TriggerState.FROZEN));
    }

    // ------------------------------------------------------------ two fresh feeds disagree

    /// @dev Replays the lying-feed fire: a candidate is open, the third feed goes stale, the honest feed shows the
    /// peg recovered and the other still reports the de-peg price. It used to fire (upper middle = peg: payout 0, and a
    /// BINARY market paid in full). Now a single lying feed of two can neither fire nor cancel.
    function test_poke_staleLowFeedOfTwoCannotFireRecoveredCandidate(int256 lie) public {
        lie = bound(lie, 1, RECOVERY - 1);
        _after(60);
        _setAll(0.97e8);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN));
        uint256 candidate = trigger.candidateTime();
        _after(WINDOW);
        feeds[0].setAnswer(PEG); // honest: recovered
        feeds[1].setAnswer(lie); // lying low
        feeds[2].setRound(1, PEG, 1, 1, 1); // stale
        assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN), "neither fires nor cancels");
        assertEq(trigger.candidateTime(), candidate);
        _assertNeverFired();
    }

    /// @dev With two fresh feeds both still below the recovery price after the window, the candidate fires at the
    /// upper middle price (the smaller payout).
    function test_poke_twoFreshFeedsBelowRecoveryFire(int256 a, int256 b) public {
        a = bound(a, 1, RECOVERY - 1);
        b = bound(b, 1, RECOVERY - 1);
        _after(60);
        _setAll(0.97e8);
        trigger.poke();
        uint256 candidate = trigger.candidateTime();
        _after(WINDOW);
        feeds[0].setAnswer(a);
        feeds[1].setAnswer(b);
        feeds[2].setRound(1, PEG, 1, 1, 1); // stale
        assertEq(uint8(trigger.poke()), uint8(TriggerState.TRIGGERED));
        (uint256 t, uint256 p) = trigger.incident();
        assertEq(t, candidate);
        assertEq(p, trigger.payoutFor(a > b ? a : b));
        assertGt(p, 0);
    }

    /// @dev A fire never reports a payout ratio of zero: a de-peg price that rounds to a zero payout does not fire.
    function test_poke_neverFiresAtZeroPayout() public {
        // An 18-decimal feed with a peg above 1e18: (peg - price) / peg rounds to zero for price = peg - 1.
        int256 peg = 2e18;
        MockAggregator[2] memory f = [new MockAggregator(18), new MockAggregator(18)];
        AggregatorV3Interface[] memory list = new AggregatorV3Interface[](2);
        for (uint256 i; i < 2; ++i) {
            f[i].setAnswer(peg);
            list[i] = f[i];
        }
        PegTrigger t = new PegTrigger(list, peg, peg - 2, peg, WINDOW, STALENESS, 2, AggregatorV3Interface(address(0)), 0);
        _after(60);
        f[0].setAnswer(peg - 3);
        f[1].setAnswer(peg - 3);
        assertEq(uint8(t.poke()), uint8(TriggerState.FROZEN));
        _after(WINDOW);
        f[0].setAnswer(peg - 1);
        f[1].setAnswer(peg - 1);
        assertEq(t.payoutFor(peg - 1), 0);
        assertEq(uint8(t.poke()), uint8(TriggerState.FROZEN), "a zero payout does not fire");
        f[0].setAnswer(peg - 3);
        f[1].setAnswer(peg - 3);
        _after(60);
        f[0].setAnswer(peg - 3);
        f[1].setAnswer(peg - 3);
        assertEq(uint8(t.poke()), uint8(TriggerState.TRIGGERED));
        (, uint256 p) = t.incident();
        assertGt(p, 0);
    }

    // ------------------------------------------------------------ expiry

    /// @dev Replays the stopped-feeds lock: a candidate opens, then every feed stops. It used to stay FROZEN forever
    /// (LP exits and sales refused). Now it expires back to ACTIVE after window + maxStaleness.
    function test_poke_frozenCandidateExpiresWhenFeedsStop() public {
        _after(60);
        _setAll(0.97e8);
        trigger.poke();
        uint256 candidate = trigger.candidateTime();
        assertEq(trigger.candidateExpiresAt(), candidate + WINDOW + STALENESS + 1);
        vm.warp(candidate + WINDOW + STALENESS);
        vm.roll(block.number + 1);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN), "not yet");
        _after(1);
        vm.expectEmit(address(trigger));
        emit IPegTrigger.CandidateExpired(candidate);
        vm.expectEmit(address(trigger));
        emit ITrigger.TriggerStateChanged(TriggerState.ACTIVE, 0, 0);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
        assertEq(trigger.candidateTime(), 0);
        assertEq(trigger.candidateExpiresAt(), 0);
        // Fresh rounds below the trigger open a new candidate at their own time.
        _after(60);
        _setAll(0.97e8);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN));
        assertEq(trigger.candidateTime(), block.timestamp);
    }

    /// @dev Two fresh feeds that keep disagreeing give no consensus: the candidate expires too.
    function test_poke_disagreeingFeedsLetCandidateExpire() public {
        _after(60);
        _setAll(0.97e8);
        trigger.poke();
        uint256 candidate = trigger.candidateTime();
        feeds[2].setRound(1, PEG, 1, 1, 1); // stale from now on
        for (uint256 t = block.timestamp; t <= candidate + WINDOW + STALENESS; t += 6 hours) {
            vm.warp(t);
            vm.roll(block.number + 1);
            feeds[0].setAnswer(PEG);
            feeds[1].setAnswer(0.97e8);
            assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN));
        }
        vm.warp(candidate + WINDOW + STALENESS + 1);
        feeds[0].setAnswer(PEG);
        feeds[1].setAnswer(0.97e8);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
        _assertNeverFired();
    }

    // ------------------------------------------------------------ incident time bounds

    /// @dev A fresh round that predates the deployment opens a candidate dated at the deployment.
    function test_poke_candidateNeverPredatesDeployment() public {
        _setAll(0.97e8);
        _after(1 hours);
        PegTrigger t = _deploy(_feedList(), 2, AggregatorV3Interface(address(0)));
        assertEq(uint8(t.poke()), uint8(TriggerState.FROZEN));
        assertEq(t.candidateTime(), block.timestamp, "dated at deployment, not at the earlier round");
    }

    /// @dev A candidate left unpoked past the look-back fires dated at the look-back bound.
    function test_poke_lateFireIsDatedAtLookbackBound() public {
        _after(60);
        _setAll(0.97e8);
        trigger.poke();
        _after(10 days);
        _setAll(0.97e8);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.TRIGGERED));
        (uint256 t,) = trigger.incident();
        assertEq(t, block.timestamp - MAX_INCIDENT_LOOKBACK);
    }

    // ------------------------------------------------------------ gas

    /// @dev Poke costs by path (warm storage within one test transaction; the bench measures cold transactions).
    function test_poke_gas() public {
        _after(60);
        trigger.poke();
        uint256 g = gasleft();
        trigger.poke();
        emit log_named_uint("peg no-op poke, same block", g - gasleft());
        assertLt(g - gasleft(), 60_000);
    }
}
