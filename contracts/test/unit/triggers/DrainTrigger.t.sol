// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {ITrigger, TriggerState} from "../../../src/interfaces/ITrigger.sol";
import {IDrainTrigger} from "../../../src/interfaces/IDrainTrigger.sol";
import {DrainTrigger} from "../../../src/triggers/DrainTrigger.sol";
import {MockTvlReader} from "../../../src/mocks/MockTvlReader.sol";
import {MockStable} from "../../../src/mocks/MockStable.sol";
import {MAX_INCIDENT_LOOKBACK} from "../../../src/libraries/ConstantsLib.sol";

/// @notice A lending pool whose flash loan lends out the observed balance and takes it back in the same call: the
/// balance is low only inside the borrower's callback.
contract FlashLender {
    MockStable public immutable token;

    constructor(MockStable token_) {
        token = token_;
    }

    function flashLoan(uint256 amount, address target, bytes calldata data) external {
        token.transfer(msg.sender, amount);
        (bool ok,) = target.call(data);
        require(ok, "callback");
        require(token.transferFrom(msg.sender, address(this), amount), "repay");
    }
}

/// @notice An attacker who pokes the trigger from inside a flash loan.
contract FlashPoker {
    function attack(FlashLender lender, ITrigger trigger, uint256 amount) external returns (TriggerState s) {
        lender.token().approve(address(lender), amount);
        lender.flashLoan(amount, address(trigger), abi.encodeCall(ITrigger.poke, ()));
        s = trigger.state();
    }
}

/// @notice A source whose reads revert, burn gas or return garbage.
contract BrokenSource {
    uint256 public mode;

    function setMode(uint256 m) external {
        mode = m;
    }

    fallback() external {
        uint256 m = mode;
        if (m == 0) revert("down");
        if (m == 1) {
            while (true) {}
        }
        assembly {
            return(0, 1) // one byte: too short
        }
    }
}

contract DrainTriggerTest is Test {
    uint256 internal constant DROP = 0.5e18;
    uint256 internal constant WINDOW = 2 hours;
    uint256 internal constant BUCKETS = 4;
    uint256 internal constant CONFIRM = 10 minutes;
    uint256 internal constant TVL = 1_000_000e6;

    MockTvlReader internal reader;
    DrainTrigger internal trigger;

    function setUp() public {
        vm.warp(1_700_000_000);
        vm.roll(100);
        reader = new MockTvlReader();
        reader.setTvl(TVL);
        trigger = new DrainTrigger(address(reader), address(0), DROP, WINDOW, BUCKETS, CONFIRM);
        _after(60);
        trigger.poke(); // records TVL as sustained (seen in two blocks)
    }

    function _after(uint256 dt) internal {
        vm.warp(block.timestamp + dt);
        vm.roll(block.number + 1);
    }

    function _assertNeverFired() internal view {
        assertTrue(trigger.state() != TriggerState.TRIGGERED, "fired");
        (uint256 t, uint256 p) = trigger.incident();
        assertEq(t + p, 0);
    }

    // ------------------------------------------------------------ constructor

    function test_constructor_revertsOnZeroSource() public {
        vm.expectRevert(IDrainTrigger.ZeroSource.selector);
        new DrainTrigger(address(0), address(0), DROP, WINDOW, BUCKETS, CONFIRM);
    }

    function test_constructor_revertsOnInvalidMaxDrop(uint256 drop) public {
        drop = drop % 2 == 0 ? 0 : bound(drop, 1e18, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IDrainTrigger.InvalidMaxDrop.selector, drop));
        new DrainTrigger(address(reader), address(0), drop, WINDOW, BUCKETS, CONFIRM);
    }

    function test_constructor_revertsOnInvalidBuckets(uint256 buckets) public {
        buckets = buckets % 2 == 0 ? 0 : bound(buckets, 25, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IDrainTrigger.InvalidBuckets.selector, WINDOW, buckets));
        new DrainTrigger(address(reader), address(0), DROP, WINDOW, buckets, CONFIRM);
    }

    function test_constructor_revertsOnInvalidConfirmDelay(uint256 delay) public {
        delay = delay % 2 == 0 ? 0 : bound(delay, WINDOW + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IDrainTrigger.InvalidConfirmDelay.selector, delay, WINDOW));
        new DrainTrigger(address(reader), address(0), DROP, WINDOW, BUCKETS, delay);
    }

    function test_constructor_storesParameters() public view {
        assertEq(trigger.source(), address(reader));
        assertEq(trigger.holder(), address(0));
        assertEq(trigger.maxDropWad(), DROP);
        assertEq(trigger.window(), WINDOW);
        assertEq(trigger.bucketCount(), BUCKETS);
        assertEq(trigger.confirmDelay(), CONFIRM);
        assertEq(trigger.currentValue(), TVL);
        assertEq(trigger.windowMax(), TVL);
    }

    // ------------------------------------------------------------------- rule

    function test_poke_staysActiveWithinThreshold(uint256 value) public {
        value = bound(value, TVL / 2, TVL * 2);
        _after(60);
        reader.setTvl(value);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
    }

    function test_poke_freezesOnDrop(uint256 value) public {
        value = bound(value, 0, TVL / 2 - 1);
        _after(60);
        reader.setTvl(value);
        vm.expectEmit(address(trigger));
        emit ITrigger.TriggerStateChanged(TriggerState.FROZEN, block.timestamp, 0);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN));
        (uint256 t, uint256 peak) = trigger.candidate();
        assertEq(t, block.timestamp);
        assertEq(peak, TVL);
    }

    function test_poke_firesWhenDropPersists(uint256 value, uint256 dt) public {
        value = bound(value, 0, TVL / 2 - 1);
        dt = bound(dt, CONFIRM, MAX_INCIDENT_LOOKBACK);
        _after(60);
        reader.setTvl(value);
        trigger.poke();
        uint256 start = block.timestamp;
        _after(1);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN), "second block: not yet");
        _after(dt - 1);
        uint256 payout = (TVL - value) * 1e18 / TVL;
        vm.expectEmit(address(trigger));
        emit ITrigger.TriggerStateChanged(TriggerState.TRIGGERED, start, payout);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.TRIGGERED));
        (uint256 t, uint256 p) = trigger.incident();
        assertEq(t, start);
        assertEq(p, payout);
    }

    function test_poke_staysFrozenBeforeConfirmDelay(uint256 dt) public {
        dt = bound(dt, 0, CONFIRM - 1);
        _after(60);
        reader.setTvl(TVL / 10);
        trigger.poke();
        vm.warp(block.timestamp + dt);
        vm.roll(block.number + 1);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN));
    }

    function test_poke_cancelsWhenRestored(uint256 restored, uint256 dt) public {
        restored = bound(restored, TVL / 2, TVL * 2);
        dt = bound(dt, 0, 30 days);
        _after(60);
        reader.setTvl(TVL / 10);
        trigger.poke();
        _after(dt);
        reader.setTvl(restored);
        vm.expectEmit(address(trigger));
        emit ITrigger.TriggerStateChanged(TriggerState.ACTIVE, 0, 0);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
        (uint256 t, uint256 peak) = trigger.candidate();
        assertEq(t + peak, 0);
    }

    function test_poke_slowDeclineBeyondWindowDoesNotFire() public {
        // -30% per window: never more than 50% below the max within any window.
        uint256 v = TVL;
        for (uint256 i; i < 12; ++i) {
            _after(WINDOW);
            v = v * 7 / 10;
            reader.setTvl(v);
            assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
        }
        _assertNeverFired();
    }

    function test_poke_triggeredIsFinal(uint256 later) public {
        later = bound(later, 0, TVL * 10);
        _after(60);
        reader.setTvl(0);
        trigger.poke();
        _after(1);
        trigger.poke();
        _after(CONFIRM);
        trigger.poke();
        assertEq(uint8(trigger.state()), uint8(TriggerState.TRIGGERED));
        (uint256 t0, uint256 p0) = trigger.incident();
        _after(60);
        reader.setTvl(later);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.TRIGGERED));
        (uint256 t1, uint256 p1) = trigger.incident();
        assertEq(t1, t0);
        assertEq(p1, p0);
    }

    function test_poke_readsTokenBalance() public {
        MockStable token = new MockStable("USD", "USD");
        address vault = makeAddr("vault");
        token.mint(vault, TVL);
        DrainTrigger t = new DrainTrigger(address(token), vault, DROP, WINDOW, BUCKETS, CONFIRM);
        _after(60);
        t.poke();
        _after(60);
        vm.prank(vault);
        token.transfer(address(1), TVL * 3 / 4);
        assertEq(uint8(t.poke()), uint8(TriggerState.FROZEN));
        _after(CONFIRM / 2);
        assertEq(uint8(t.poke()), uint8(TriggerState.FROZEN));
        _after(CONFIRM / 2);
        assertEq(uint8(t.poke()), uint8(TriggerState.TRIGGERED));
        (, uint256 p) = t.incident();
        assertEq(p, 0.75e18);
    }

    // ------------------------------------------------------------ adversarial

    function test_poke_flashDrainRestoredInOneTxDoesNotFire(uint256 low) public {
        low = bound(low, 0, TVL / 2 - 1);
        _after(60);
        reader.setTvl(low);
        trigger.poke();
        reader.setTvl(TVL);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
        _after(CONFIRM);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
        _assertNeverFired();
    }

    function test_poke_drainRestoredBeforeConfirmationDoesNotFire(uint256 low, uint256 dt) public {
        low = bound(low, 0, TVL / 2 - 1);
        dt = bound(dt, 0, 30 days);
        _after(60);
        reader.setTvl(low);
        trigger.poke();
        reader.setTvl(TVL); // restored within the transaction; nobody pokes until much later
        _after(dt);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
        _assertNeverFired();
    }

    function test_poke_repeatedPokesInOneBlockCannotFire() public {
        _after(60);
        reader.setTvl(0);
        for (uint256 i; i < 5; ++i) {
            assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN));
        }
    }

    function test_poke_flashInflationDoesNotRaiseMax(uint256 inflated) public {
        inflated = bound(inflated, TVL + 1, TVL * 1000);
        _after(60);
        reader.setTvl(inflated);
        trigger.poke();
        trigger.poke();
        reader.setTvl(TVL);
        trigger.poke();
        assertEq(trigger.windowMax(), TVL);
        _after(12);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
        _after(CONFIRM);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
        _assertNeverFired();
    }

    function test_windowMax_forgetsValuesOlderThanWindow() public {
        _after(WINDOW + 1);
        reader.setTvl(TVL / 4);
        trigger.poke();
        _after(60);
        trigger.poke();
        assertEq(trigger.windowMax(), TVL / 4);
        assertEq(uint8(trigger.state()), uint8(TriggerState.ACTIVE));
    }

    // ------------------------------------------------------------ flash-loan confirmation

    function _flashSetup() internal returns (MockStable token, FlashLender lender, FlashPoker attacker, DrainTrigger t) {
        token = new MockStable("USD", "USD");
        lender = new FlashLender(token);
        token.mint(address(lender), TVL);
        attacker = new FlashPoker();
        t = new DrainTrigger(address(token), address(lender), DROP, WINDOW, BUCKETS, CONFIRM);
        _after(60);
        t.poke();
    }

    /// @dev Replays the attack: two readings `confirmDelay` apart, each inside a flash loan that takes 99% of the
    /// balance and returns it in the same transaction. It used to fire a 99% payout; two readings no longer confirm.
    function test_poke_flashLoanReadingsConfirmDelayApartDoNotFire() public {
        (, FlashLender lender, FlashPoker attacker, DrainTrigger t) = _flashSetup();
        _after(60);
        assertEq(uint8(attacker.attack(lender, t, TVL * 99 / 100)), uint8(TriggerState.FROZEN));
        _after(CONFIRM);
        assertEq(uint8(attacker.attack(lender, t, TVL * 99 / 100)), uint8(TriggerState.FROZEN), "two blocks: no fire");
        assertEq(t.confirmations(), 2);
        (uint256 time, uint256 payout) = t.incident();
        assertEq(time + payout, 0);
    }

    /// @dev The attacker adds flash readings in more blocks, but one honest poke between them (a keeper, or the core
    /// before a sale or an exit) sees the balance restored and resets the candidate.
    function test_poke_honestReadingBetweenFlashReadingsResets(uint256 gap) public {
        gap = bound(gap, 1, CONFIRM);
        (, FlashLender lender, FlashPoker attacker, DrainTrigger t) = _flashSetup();
        _after(60);
        attacker.attack(lender, t, TVL * 99 / 100);
        _after(gap);
        attacker.attack(lender, t, TVL * 99 / 100);
        _after(1);
        assertEq(uint8(t.poke()), uint8(TriggerState.ACTIVE), "an honest reading cancels");
        (uint256 ct, uint256 peak) = t.candidate();
        assertEq(ct + peak + t.confirmations(), 0);
        _after(CONFIRM);
        assertEq(uint8(attacker.attack(lender, t, TVL * 99 / 100)), uint8(TriggerState.FROZEN), "starts over");
        assertEq(t.confirmations(), 1);
    }

    /// @dev A higher reading later in the same block as a flash reading also resets the candidate.
    function test_poke_restoredReadingInSameBlockResets() public {
        (, FlashLender lender, FlashPoker attacker, DrainTrigger t) = _flashSetup();
        _after(60);
        attacker.attack(lender, t, TVL * 99 / 100);
        assertEq(uint8(t.poke()), uint8(TriggerState.ACTIVE));
    }

    /// @dev Readings of the drop in several pokes of one block count as one block.
    function test_poke_manyReadingsInOneBlockCountOnce() public {
        _after(60);
        reader.setTvl(0);
        trigger.poke();
        trigger.poke();
        trigger.poke();
        assertEq(trigger.confirmations(), 1);
        _after(CONFIRM);
        trigger.poke();
        trigger.poke();
        assertEq(trigger.confirmations(), 2);
        assertEq(uint8(trigger.state()), uint8(TriggerState.FROZEN));
    }

    /// @dev Three distinct blocks within the delay are not enough: the last must come at least confirmDelay after
    /// the first.
    function test_poke_confirmationsBeforeDelayDoNotFire(uint256 blocks) public {
        blocks = bound(blocks, 3, 20);
        _after(60);
        reader.setTvl(0);
        trigger.poke();
        for (uint256 i; i < blocks; ++i) {
            vm.roll(block.number + 1);
            vm.warp(block.timestamp + (CONFIRM - 1) / blocks);
            assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN));
        }
    }

    /// @dev A drop left unconfirmed for longer than the look-back is dated at the look-back bound when it fires.
    function test_poke_oldCandidateIsDatedAtLookbackBound() public {
        _after(60);
        reader.setTvl(0);
        trigger.poke();
        _after(1);
        trigger.poke();
        _after(30 days);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.TRIGGERED));
        (uint256 t,) = trigger.incident();
        assertEq(t, block.timestamp - MAX_INCIDENT_LOOKBACK);
    }

    // ------------------------------------------------------------ bad sources

    /// @dev A source that reverts, burns gas or returns garbage is no observation: the poke does not revert.
    function test_poke_brokenSourceIsNoObservation(uint256 mode) public {
        mode = bound(mode, 0, 2);
        BrokenSource src = new BrokenSource();
        DrainTrigger t = new DrainTrigger(address(src), address(0), DROP, WINDOW, BUCKETS, CONFIRM);
        src.setMode(mode);
        _after(60);
        vm.expectEmit(address(t));
        emit IDrainTrigger.ReadFailed();
        assertEq(uint8(t.poke()), uint8(TriggerState.ACTIVE));
        assertEq(t.currentValue(), 0);
    }

    // ------------------------------------------------------------ gas

    /// @dev The no-op paths the core pays for when it pokes before a sale or an exit.
    function test_poke_gas() public {
        _after(60);
        trigger.poke();
        uint256 g = gasleft();
        trigger.poke();
        uint256 sameBlock = g - gasleft();
        _after(12);
        g = gasleft();
        trigger.poke();
        uint256 newBlock = g - gasleft();
        emit log_named_uint("drain no-op poke, same block", sameBlock);
        emit log_named_uint("drain steady poke, new block", newBlock);
        assertLt(sameBlock, 15_000);
        assertLt(newBlock, 60_000);
    }
}
