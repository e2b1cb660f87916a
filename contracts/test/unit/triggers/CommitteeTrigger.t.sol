// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {ITrigger, TriggerState} from "../../../src/interfaces/ITrigger.sol";
import {ICommitteeTrigger} from "../../../src/interfaces/ICommitteeTrigger.sol";
import {CommitteeTrigger} from "../../../src/triggers/CommitteeTrigger.sol";
import {MAX_INCIDENT_LOOKBACK} from "../../../src/libraries/ConstantsLib.sol";

contract CommitteeTriggerTest is Test {
    /// @dev Deployment time; incidents are dated after it.
    uint256 internal constant T0 = 1_700_000_000;
    uint256 internal constant INC = T0 + 100;
    uint256 internal constant INC2 = T0 + 200;
    uint256 internal constant N = 5;
    uint256 internal constant M = 3;
    uint256 internal constant CHALLENGE = 1 days;

    address[] internal members;
    address internal vetoer = makeAddr("vetoer");
    CommitteeTrigger internal trigger;

    function setUp() public {
        vm.warp(T0);
        for (uint256 i; i < N; ++i) {
            members.push(makeAddr(string(abi.encode("member", i))));
        }
        trigger = new CommitteeTrigger(members, M, vetoer, CHALLENGE);
        vm.warp(T0 + 1 days);
    }

    function _attestBy(uint256 count, uint256 time, uint256 payout) internal {
        for (uint256 i; i < count; ++i) {
            vm.prank(members[i]);
            trigger.attest(time, payout);
        }
    }

    // ------------------------------------------------------------ constructor

    function test_constructor_revertsOnInvalidThreshold(uint256 threshold) public {
        threshold = threshold % 2 == 0 ? 0 : bound(threshold, N + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeTrigger.InvalidThreshold.selector, threshold, N));
        new CommitteeTrigger(members, threshold, vetoer, CHALLENGE);
    }

    function test_constructor_revertsWithoutMembers() public {
        vm.expectRevert(abi.encodeWithSelector(ICommitteeTrigger.InvalidThreshold.selector, 1, 0));
        new CommitteeTrigger(new address[](0), 1, vetoer, CHALLENGE);
    }

    function test_constructor_revertsOnDuplicateMember(uint256 i, uint256 j) public {
        i = bound(i, 0, N - 1);
        j = bound(j, 0, N - 1);
        vm.assume(i != j);
        address[] memory list = members;
        list[j] = list[i];
        vm.expectRevert(abi.encodeWithSelector(ICommitteeTrigger.InvalidMember.selector, list[i]));
        new CommitteeTrigger(list, M, vetoer, CHALLENGE);
    }

    function test_constructor_revertsOnZeroMember() public {
        address[] memory list = members;
        list[2] = address(0);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeTrigger.InvalidMember.selector, address(0)));
        new CommitteeTrigger(list, M, vetoer, CHALLENGE);
    }

    function test_constructor_revertsOnZeroVetoer() public {
        vm.expectRevert(ICommitteeTrigger.ZeroVetoer.selector);
        new CommitteeTrigger(members, M, address(0), CHALLENGE);
    }

    function test_constructor_storesParameters() public view {
        assertEq(trigger.memberCount(), N);
        assertEq(trigger.threshold(), M);
        assertEq(trigger.vetoer(), vetoer);
        assertEq(trigger.challengePeriod(), CHALLENGE);
        assertTrue(trigger.isMember(members[4]));
        assertFalse(trigger.isMember(vetoer));
    }

    // ----------------------------------------------------------------- attest

    function test_attest_revertsForNonMember(address caller) public {
        vm.assume(!trigger.isMember(caller));
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeTrigger.NotMember.selector, caller));
        trigger.attest(block.timestamp, 1e18);
    }

    function test_attest_revertsOnFutureTime(uint256 ahead) public {
        ahead = bound(ahead, 1, type(uint128).max);
        vm.prank(members[0]);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITrigger.IncidentInFuture.selector, block.timestamp + ahead, block.timestamp
            )
        );
        trigger.attest(block.timestamp + ahead, 1e18);
    }

    function test_attest_revertsOnInvalidPayout(uint256 payout) public {
        payout = payout % 2 == 0 ? 0 : bound(payout, 1e18 + 1, type(uint256).max);
        vm.prank(members[0]);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeTrigger.InvalidPayout.selector, payout));
        trigger.attest(block.timestamp, payout);
    }

    function test_attest_revertsWhenAlreadyAttested() public {
        _attestBy(1, INC, 1e18);
        vm.prank(members[0]);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeTrigger.AlreadyAttested.selector, members[0], INC, 1e18));
        trigger.attest(INC, 1e18);
    }

    function test_attest_revertsWhenFrozen() public {
        _attestBy(M, INC, 1e18);
        vm.prank(members[M]);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeTrigger.NotActive.selector, uint8(TriggerState.FROZEN)));
        trigger.attest(INC, 1e18);
    }

    function test_attest_belowThresholdStaysActive(uint256 time, uint256 payout) public {
        time = bound(time, T0, block.timestamp);
        payout = bound(payout, 1, 1e18);
        _attestBy(M - 1, time, payout);
        assertEq(trigger.attestations(time, payout), M - 1);
        assertEq(uint8(trigger.state()), uint8(TriggerState.ACTIVE));
    }

    function test_attest_differentIncidentsDoNotCombine(uint256 payout) public {
        payout = bound(payout, 1, 1e18 - 1);
        _attestBy(M - 1, INC, 1e18);
        vm.prank(members[M]);
        trigger.attest(INC, payout);
        assertEq(uint8(trigger.state()), uint8(TriggerState.ACTIVE));
    }

    function test_attest_thresholdFreezes(uint256 time, uint256 payout) public {
        time = bound(time, T0, block.timestamp);
        payout = bound(payout, 1, 1e18);
        _attestBy(M - 1, time, payout);
        vm.expectEmit(address(trigger));
        emit ITrigger.TriggerStateChanged(TriggerState.FROZEN, time, 0);
        vm.prank(members[M - 1]);
        assertEq(trigger.attest(time, payout), M);
        (uint256 t, uint256 p, uint256 frozenAt) = trigger.pending();
        assertEq(t, time);
        assertEq(p, payout);
        assertEq(frozenAt, block.timestamp);
    }

    // ------------------------------------------------------------------- poke

    function test_poke_waitsForChallengePeriod(uint256 dt) public {
        dt = bound(dt, 0, CHALLENGE - 1);
        _attestBy(M, INC, 0.4e18);
        vm.warp(block.timestamp + dt);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN));
    }

    function test_poke_firesAfterChallengePeriod(uint256 dt) public {
        dt = bound(dt, CHALLENGE, 365 days);
        _attestBy(M, INC, 0.4e18);
        vm.warp(block.timestamp + dt);
        vm.expectEmit(address(trigger));
        emit ITrigger.TriggerStateChanged(TriggerState.TRIGGERED, INC, 0.4e18);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.TRIGGERED));
        (uint256 t, uint256 p) = trigger.incident();
        assertEq(t, INC);
        assertEq(p, 0.4e18);
    }

    function test_poke_activeDoesNothing() public {
        _attestBy(M - 1, INC, 1e18);
        vm.warp(block.timestamp + 30 days);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
    }

    // ------------------------------------------------------------------- veto

    function test_veto_revertsForNonVetoer(address caller) public {
        vm.assume(caller != vetoer);
        _attestBy(M, INC, 1e18);
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeTrigger.NotVetoer.selector, caller));
        trigger.veto();
    }

    function test_veto_revertsWhenActive() public {
        vm.prank(vetoer);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeTrigger.NotFrozen.selector, uint8(TriggerState.ACTIVE)));
        trigger.veto();
    }

    function test_veto_revertsWhenTriggered() public {
        _attestBy(M, INC, 1e18);
        vm.warp(block.timestamp + CHALLENGE);
        trigger.poke();
        vm.prank(vetoer);
        vm.expectRevert(
            abi.encodeWithSelector(ICommitteeTrigger.NotFrozen.selector, uint8(TriggerState.TRIGGERED))
        );
        trigger.veto();
    }

    function test_veto_revertsAfterChallengePeriod(uint256 dt) public {
        dt = bound(dt, CHALLENGE, 365 days);
        _attestBy(M, INC, 1e18);
        uint256 deadline = block.timestamp + CHALLENGE;
        vm.warp(block.timestamp + dt);
        vm.prank(vetoer);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeTrigger.ChallengePeriodOver.selector, deadline));
        trigger.veto();
    }

    function test_veto_clearsAttestations(uint256 dt) public {
        dt = bound(dt, 0, CHALLENGE - 1);
        _attestBy(M, INC, 1e18);
        vm.warp(block.timestamp + dt);
        vm.expectEmit(address(trigger));
        emit ICommitteeTrigger.Vetoed(INC, 1e18);
        vm.prank(vetoer);
        trigger.veto();
        assertEq(uint8(trigger.state()), uint8(TriggerState.ACTIVE));
        assertEq(trigger.attestations(INC, 1e18), 0);
        (uint256 t,,) = trigger.pending();
        assertEq(t, 0);
        vm.warp(block.timestamp + CHALLENGE);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.ACTIVE));
        // The same members may attest again from scratch.
        _attestBy(1, INC, 1e18);
        assertEq(trigger.attestations(INC, 1e18), 1);
    }

    function test_attest_revertsWhenTriggered() public {
        _attestBy(M, INC, 1e18);
        vm.warp(block.timestamp + CHALLENGE);
        trigger.poke();
        vm.prank(members[4]);
        vm.expectRevert(
            abi.encodeWithSelector(ICommitteeTrigger.NotActive.selector, uint8(TriggerState.TRIGGERED))
        );
        trigger.attest(INC2, 0.5e18);
        (uint256 t, uint256 p) = trigger.incident();
        assertEq(t, INC);
        assertEq(p, 1e18);
    }

    // ------------------------------------------------------------ incident time

    /// @dev The "ancient incident" attack: attestations of a time before the deployment are refused.
    function test_attest_revertsBeforeDeployment(uint256 time) public {
        time = bound(time, 0, T0 - 1);
        vm.prank(members[0]);
        vm.expectRevert(abi.encodeWithSelector(ITrigger.IncidentTooOld.selector, time, T0));
        trigger.attest(time, 1e18);
    }

    function test_attest_revertsBeyondLookback(uint256 age) public {
        vm.warp(T0 + 30 days);
        uint256 earliest = block.timestamp - MAX_INCIDENT_LOOKBACK;
        assertEq(trigger.earliestIncidentTime(), earliest);
        age = bound(age, MAX_INCIDENT_LOOKBACK + 1, 30 days);
        vm.prank(members[0]);
        vm.expectRevert(abi.encodeWithSelector(ITrigger.IncidentTooOld.selector, block.timestamp - age, earliest));
        trigger.attest(block.timestamp - age, 1e18);
        _attestBy(M, earliest, 1e18);
        assertEq(uint8(trigger.state()), uint8(TriggerState.FROZEN));
    }
}
