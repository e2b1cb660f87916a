// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ITrigger, TriggerState} from "../../../src/interfaces/ITrigger.sol";
import {IOptimisticTrigger} from "../../../src/interfaces/IOptimisticTrigger.sol";
import {OptimisticTrigger} from "../../../src/triggers/OptimisticTrigger.sol";
import {MockStable} from "../../../src/mocks/MockStable.sol";
import {MAX_INCIDENT_LOOKBACK} from "../../../src/libraries/ConstantsLib.sol";

contract OptimisticTriggerTest is Test {
    /// @dev Deployment time; incidents are dated after it.
    uint256 internal constant T0 = 1_700_000_000;
    uint256 internal constant INC = T0 + 100;
    uint256 internal constant INC2 = T0 + 200;
    uint256 internal constant BOND = 1_000e6;
    uint256 internal constant LIVENESS = 2 days;

    MockStable internal token;
    OptimisticTrigger internal trigger;
    address internal resolver = makeAddr("resolver");
    address internal proposer = makeAddr("proposer");
    address internal disputer = makeAddr("disputer");

    function setUp() public {
        vm.warp(T0);
        token = new MockStable("USD", "USD");
        trigger = new OptimisticTrigger(token, BOND, LIVENESS, resolver);
        vm.warp(T0 + 1 days);
        address[2] memory users = [proposer, disputer];
        for (uint256 i; i < 2; ++i) {
            token.mint(users[i], 10 * BOND);
            vm.prank(users[i]);
            token.approve(address(trigger), type(uint256).max);
        }
    }

    function _propose(uint256 time, uint256 payout) internal returns (uint256 id) {
        vm.prank(proposer);
        id = trigger.propose(time, payout, "ipfs://evidence");
    }

    function _dispute() internal {
        vm.prank(disputer);
        trigger.dispute();
    }

    // ------------------------------------------------------------ constructor

    function test_constructor_revertsOnZeroAddress(bool zeroToken) public {
        vm.expectRevert(IOptimisticTrigger.ZeroAddress.selector);
        new OptimisticTrigger(
            zeroToken ? IERC20(address(0)) : IERC20(token), BOND, LIVENESS, zeroToken ? resolver : address(0)
        );
    }

    function test_constructor_revertsOnZeroLiveness() public {
        vm.expectRevert(IOptimisticTrigger.ZeroLiveness.selector);
        new OptimisticTrigger(token, BOND, 0, resolver);
    }

    function test_constructor_storesParameters() public view {
        assertEq(address(trigger.bondToken()), address(token));
        assertEq(trigger.bond(), BOND);
        assertEq(trigger.liveness(), LIVENESS);
        assertEq(trigger.resolver(), resolver);
        assertEq(trigger.proposalId(), 0);
    }

    // ---------------------------------------------------------------- propose

    function test_propose_freezesAndPullsBond(uint256 time, uint256 payout) public {
        time = bound(time, T0, block.timestamp);
        payout = bound(payout, 1, 1e18);
        vm.expectEmit(address(trigger));
        emit IOptimisticTrigger.Proposed(1, proposer, time, payout, "ipfs://evidence");
        vm.expectEmit(address(trigger));
        emit ITrigger.TriggerStateChanged(TriggerState.FROZEN, time, 0);
        assertEq(_propose(time, payout), 1);
        assertEq(token.balanceOf(address(trigger)), BOND);
        IOptimisticTrigger.Proposal memory p = trigger.proposal();
        assertEq(p.proposer, proposer);
        assertEq(p.time, time);
        assertEq(p.payoutWad, payout);
        assertEq(p.proposedAt, block.timestamp);
        assertEq(p.disputer, address(0));
    }

    function test_propose_revertsOnFutureTime(uint256 ahead) public {
        ahead = bound(ahead, 1, type(uint128).max);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITrigger.IncidentInFuture.selector, block.timestamp + ahead, block.timestamp
            )
        );
        _propose(block.timestamp + ahead, 1e18);
    }

    function test_propose_revertsOnInvalidPayout(uint256 payout) public {
        payout = payout % 2 == 0 ? 0 : bound(payout, 1e18 + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticTrigger.InvalidPayout.selector, payout));
        _propose(block.timestamp, payout);
    }

    function test_propose_revertsWhileProposalOpen() public {
        _propose(INC, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticTrigger.NotActive.selector, uint8(TriggerState.FROZEN)));
        _propose(INC, 1e18);
    }

    // ------------------------------------------------------------------- poke

    function test_poke_waitsForLiveness(uint256 dt) public {
        dt = bound(dt, 0, LIVENESS - 1);
        _propose(INC, 1e18);
        vm.warp(block.timestamp + dt);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN));
    }

    function test_poke_firesUndisputedAndReturnsBond(uint256 dt, uint256 payout) public {
        dt = bound(dt, LIVENESS, 365 days);
        payout = bound(payout, 1, 1e18);
        _propose(INC, payout);
        vm.warp(block.timestamp + dt);
        vm.expectEmit(address(trigger));
        emit ITrigger.TriggerStateChanged(TriggerState.TRIGGERED, INC, payout);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.TRIGGERED));
        (uint256 t, uint256 p) = trigger.incident();
        assertEq(t, INC);
        assertEq(p, payout);
        assertEq(trigger.bondsOwed(proposer), BOND);
        vm.prank(proposer);
        assertEq(trigger.withdrawBonds(proposer), BOND);
        assertEq(token.balanceOf(proposer), 10 * BOND);
    }

    function test_poke_disputedDoesNotFire(uint256 dt) public {
        dt = bound(dt, LIVENESS, 365 days);
        _propose(INC, 1e18);
        _dispute();
        vm.warp(block.timestamp + dt);
        assertEq(uint8(trigger.poke()), uint8(TriggerState.FROZEN));
    }

    // ---------------------------------------------------------------- dispute

    function test_dispute_revertsWithoutProposal() public {
        vm.expectRevert(IOptimisticTrigger.NoOpenProposal.selector);
        _dispute();
    }

    function test_dispute_revertsAfterLiveness(uint256 dt) public {
        dt = bound(dt, LIVENESS, 365 days);
        _propose(INC, 1e18);
        uint256 deadline = block.timestamp + LIVENESS;
        vm.warp(block.timestamp + dt);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticTrigger.LivenessExpired.selector, 1, deadline));
        _dispute();
    }

    function test_dispute_revertsWhenDisputed() public {
        _propose(INC, 1e18);
        _dispute();
        vm.expectRevert(abi.encodeWithSelector(IOptimisticTrigger.AlreadyDisputed.selector, 1, disputer));
        vm.prank(proposer);
        trigger.dispute();
    }

    function test_dispute_pullsBond() public {
        _propose(INC, 1e18);
        vm.expectEmit(address(trigger));
        emit IOptimisticTrigger.Disputed(1, disputer);
        _dispute();
        assertEq(token.balanceOf(address(trigger)), 2 * BOND);
        assertEq(trigger.proposal().disputer, disputer);
    }

    // ---------------------------------------------------------------- resolve

    function test_resolve_revertsForNonResolver(address caller) public {
        vm.assume(caller != resolver);
        _propose(INC, 1e18);
        _dispute();
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticTrigger.NotResolver.selector, caller));
        trigger.resolve(true);
    }

    function test_resolve_revertsWithoutProposal() public {
        vm.prank(resolver);
        vm.expectRevert(IOptimisticTrigger.NoOpenProposal.selector);
        trigger.resolve(true);
    }

    function test_resolve_revertsWhenNotDisputed() public {
        _propose(INC, 1e18);
        vm.prank(resolver);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticTrigger.NotDisputed.selector, 1));
        trigger.resolve(true);
    }

    function test_resolve_upheldFiresAndPaysProposer(uint256 payout) public {
        payout = bound(payout, 1, 1e18);
        _propose(INC, payout);
        _dispute();
        vm.expectEmit(address(trigger));
        emit IOptimisticTrigger.Settled(1, true, proposer, BOND + BOND / 2);
        vm.expectEmit(address(trigger));
        emit IOptimisticTrigger.BondSlashed(1, disputer, BOND / 2);
        vm.prank(resolver);
        trigger.resolve(true);
        assertEq(uint8(trigger.state()), uint8(TriggerState.TRIGGERED));
        (uint256 t, uint256 p) = trigger.incident();
        assertEq(t, INC);
        assertEq(p, payout);
        assertEq(trigger.bondsOwed(proposer), BOND + BOND / 2, "own bond and half the loser's");
        assertEq(trigger.bondsOwed(disputer), 0);
        assertEq(trigger.bondsOwed(resolver), BOND / 2, "the other half is slashed to the resolver");
    }

    function test_resolve_rejectedReopensAndPaysDisputer() public {
        _propose(INC, 1e18);
        _dispute();
        vm.prank(resolver);
        trigger.resolve(false);
        assertEq(uint8(trigger.state()), uint8(TriggerState.ACTIVE));
        assertEq(trigger.bondsOwed(disputer), BOND + BOND / 2);
        assertEq(trigger.bondsOwed(resolver), BOND / 2);
        vm.prank(disputer);
        trigger.withdrawBonds(disputer);
        assertEq(token.balanceOf(disputer), 10 * BOND + BOND / 2);
        vm.expectRevert(IOptimisticTrigger.NoOpenProposal.selector);
        trigger.proposal();
        vm.warp(block.timestamp + trigger.REJECTION_COOLDOWN());
        assertEq(trigger.currentBond(), 2 * BOND, "one strike doubles the bond");
        assertEq(_propose(INC2, 0.5e18), 2);
        assertEq(trigger.proposal().bond, 2 * BOND);
    }

    function test_resolve_revertsWhenTriggered() public {
        _propose(INC, 1e18);
        vm.warp(block.timestamp + LIVENESS);
        trigger.poke();
        vm.prank(resolver);
        vm.expectRevert(IOptimisticTrigger.NoOpenProposal.selector);
        trigger.resolve(false);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticTrigger.NotActive.selector, uint8(TriggerState.TRIGGERED)));
        _propose(INC, 0.5e18);
    }

    // ---------------------------------------------------------- withdrawBonds

    function test_withdrawBonds_revertsWhenNothingOwed(address caller) public {
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IOptimisticTrigger.NothingOwed.selector, caller));
        trigger.withdrawBonds(caller);
    }

    // ------------------------------------------------------------ incident time

    function test_propose_revertsBeforeDeployment(uint256 time) public {
        time = bound(time, 0, T0 - 1);
        vm.expectRevert(abi.encodeWithSelector(ITrigger.IncidentTooOld.selector, time, T0));
        _propose(time, 1e18);
    }

    function test_propose_revertsBeyondLookback(uint256 age) public {
        vm.warp(T0 + 30 days);
        uint256 earliest = block.timestamp - MAX_INCIDENT_LOOKBACK;
        assertEq(trigger.earliestIncidentTime(), earliest);
        age = bound(age, MAX_INCIDENT_LOOKBACK + 1, 30 days);
        vm.expectRevert(abi.encodeWithSelector(ITrigger.IncidentTooOld.selector, block.timestamp - age, earliest));
        _propose(block.timestamp - age, 1e18);
        _propose(earliest, 1e18);
    }

    /// @dev The "ancient incident" attack: an incident time of 1 is refused.
    function test_propose_revertsOnAncientIncident() public {
        vm.expectRevert(abi.encodeWithSelector(ITrigger.IncidentTooOld.selector, 1, T0));
        _propose(1, 1e18);
    }

    // ------------------------------------------------------------ self-dispute griefing

    /// @dev Replays the self-dispute freeze: proposer = disputer, no assessor votes, rejected after a 30-day
    /// vote. The freeze now costs half a bond that goes to the resolver, cannot be repeated in the same block, and
    /// each repeat costs twice the last.
    function test_resolve_selfDisputeCostsAndCannotRepeat() public {
        address griefer = proposer;
        uint256 before = token.balanceOf(griefer);
        _propose(INC, 1e18);
        vm.prank(griefer);
        trigger.dispute();
        vm.warp(block.timestamp + 30 days); // the vote that never reaches quorum
        vm.prank(resolver);
        trigger.resolve(false);
        vm.prank(griefer);
        trigger.withdrawBonds(griefer);
        assertEq(before - token.balanceOf(griefer), BOND / 2, "30 days of freeze cost half a bond");
        assertEq(trigger.bondsOwed(resolver), BOND / 2, "and it went to the resolver, not back to the griefer");

        vm.expectRevert(
            abi.encodeWithSelector(IOptimisticTrigger.RejectionCooldown.selector, block.timestamp + 1 hours)
        );
        _propose(block.timestamp, 1e18);

        vm.warp(block.timestamp + 1 hours);
        assertEq(trigger.currentBond(), 2 * BOND);
        _propose(block.timestamp, 1e18);
        assertEq(token.balanceOf(address(trigger)), BOND / 2 + 2 * BOND, "the repeat pulls a doubled bond");
    }

    function test_currentBond_escalatesAndDecays(uint8 rejections) public {
        rejections = uint8(bound(rejections, 1, 12));
        token.mint(proposer, BOND << 12);
        token.mint(disputer, BOND << 12);
        for (uint256 i; i < rejections; ++i) {
            _propose(block.timestamp, 1e18);
            _dispute();
            vm.prank(resolver);
            trigger.resolve(false);
            vm.warp(block.timestamp + 1 hours);
        }
        uint256 strikes = rejections < 8 ? rejections : 8;
        assertEq(trigger.currentBond(), BOND << strikes);
        vm.warp(block.timestamp + trigger.STRIKE_MEMORY());
        assertEq(trigger.currentBond(), BOND, "strikes are forgotten after STRIKE_MEMORY without a rejection");
    }

    function test_constructor_revertsWhenEscalatedBondOverflows() public {
        vm.expectRevert();
        new OptimisticTrigger(token, uint256(type(uint96).max), LIVENESS, resolver);
    }
}
