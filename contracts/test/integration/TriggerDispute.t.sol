// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {BaseTest} from "../utils/BaseTest.sol";
import {OptimisticTrigger} from "../../src/triggers/OptimisticTrigger.sol";
import {AssessorRules} from "../../src/interfaces/IAssessedClaims.sol";
import {TriggerState} from "../../src/interfaces/ITrigger.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../src/libraries/EventsLib.sol";
import {IOptimisticTrigger} from "../../src/interfaces/IOptimisticTrigger.sol";

/// @notice A disputed optimistic-trigger proposal goes to the market's assessors, whose vote resolves it.
contract TriggerDisputeTest is BaseTest {
    uint256 internal constant BOND = 1_000e6;
    OptimisticTrigger internal trigger;
    uint256 internal marketId;
    address[3] internal members = [makeAddr("a1"), makeAddr("a2"), makeAddr("a3")];
    address internal proposer = makeAddr("proposer");
    address internal disputer = makeAddr("disputer");

    function setUp() public override {
        super.setUp();
        trigger = new OptimisticTrigger(usdc, BOND, 2 days, address(claims));
        vm.warp(block.timestamp + 1 days);
        marketId = _createMarket(address(trigger));
        address[] memory list = new address[](3);
        for (uint256 i; i < 3; ++i) list[i] = members[i];
        vm.startPrank(governance);
        uint256 groupId = claims.createAssessorGroup(
            list, AssessorRules({votingPeriod: 3 days, lateVoteWindow: 1 hours, cooldown: 1 days, quorum: 2, members: 0})
        );
        claims.setMarketAssessors(marketId, groupId);
        vm.stopPrank();
        for (uint256 i; i < 2; ++i) {
            address who = i == 0 ? proposer : disputer;
            usdc.mint(who, BOND);
            vm.prank(who);
            usdc.approve(address(trigger), BOND);
        }
    }

    function _proposeAndDispute() internal returns (uint256 disputeId) {
        vm.prank(proposer);
        trigger.propose(block.timestamp - 1 hours, 1e18, "ipfs://incident");
        vm.prank(disputer);
        trigger.dispute();
        disputeId = claims.openTriggerDispute(marketId);
    }

    function test_resolveTriggerDispute_upheldFiresTrigger() public {
        uint256 disputeId = _proposeAndDispute();
        vm.prank(members[0]);
        claims.voteOnDispute(disputeId, true);
        vm.prank(members[1]);
        claims.voteOnDispute(disputeId, true);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TooEarly.selector, disputeId, block.timestamp + 3 days));
        claims.resolveTriggerDispute(disputeId);
        vm.warp(block.timestamp + 3 days + 1);
        assertTrue(claims.resolveTriggerDispute(disputeId));
        assertEq(uint8(trigger.state()), uint8(TriggerState.TRIGGERED));
        assertEq(trigger.bondsOwed(proposer), BOND + BOND / 2, "half the losing side's bond pays the winner");
    }

    function test_resolveTriggerDispute_rejectedWithoutQuorum() public {
        uint256 disputeId = _proposeAndDispute();
        vm.prank(members[0]);
        claims.voteOnDispute(disputeId, true);
        vm.warp(block.timestamp + 3 days + 1);
        assertFalse(claims.resolveTriggerDispute(disputeId));
        assertEq(uint8(trigger.state()), uint8(TriggerState.ACTIVE));
        assertEq(trigger.bondsOwed(disputer), BOND + BOND / 2);
    }

    function test_openTriggerDispute_revertsWithoutDispute() public {
        vm.prank(proposer);
        trigger.propose(block.timestamp - 1 hours, 1e18, "ipfs://incident");
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NoDisputeOpen.selector, marketId));
        claims.openTriggerDispute(marketId);
    }

    function test_openTriggerDispute_revertsTwiceForOneProposal() public {
        uint256 disputeId = _proposeAndDispute();
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ClaimExists.selector, trigger.proposalId(), disputeId));
        claims.openTriggerDispute(marketId);
    }

    function test_openTriggerDispute_revertsWhenNotResolver() public {
        OptimisticTrigger other = new OptimisticTrigger(usdc, BOND, 2 days, makeAddr("someoneElse"));
        uint256 otherMarket = _createMarket(address(other));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidAssessorParams.selector, bytes32("resolver")));
        claims.openTriggerDispute(otherMarket);
    }

    function test_voteOnDispute_revertsForNonMember(address stranger) public {
        vm.assume(stranger != members[0] && stranger != members[1] && stranger != members[2]);
        uint256 disputeId = _proposeAndDispute();
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NotAssessor.selector, stranger));
        vm.prank(stranger);
        claims.voteOnDispute(disputeId, true);
    }

    function test_voteOnDispute_revertsOnSecondVote() public {
        uint256 disputeId = _proposeAndDispute();
        vm.startPrank(members[0]);
        claims.voteOnDispute(disputeId, false);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.AlreadyVoted.selector, disputeId, members[0]));
        claims.voteOnDispute(disputeId, true);
        vm.stopPrank();
    }

    function test_resolveTriggerDispute_revertsWhenResolved() public {
        uint256 disputeId = _proposeAndDispute();
        vm.warp(block.timestamp + 3 days + 1);
        claims.resolveTriggerDispute(disputeId);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.WrongClaimStatus.selector, disputeId, uint8(6)));
        claims.resolveTriggerDispute(disputeId);
    }

    /// @dev Replays the self-dispute freeze through the assessors: one party proposes and disputes, the vote gets
    /// no quorum in 30 days, the proposal is rejected. The party now loses half a bond, which the treasury collects,
    /// and cannot freeze again in the same block.
    function test_resolveTriggerDispute_selfDisputeCostsTheGriefer() public {
        usdc.mint(proposer, BOND);
        vm.prank(proposer);
        usdc.approve(address(trigger), 2 * BOND);
        uint256 before = usdc.balanceOf(proposer);
        vm.startPrank(proposer);
        trigger.propose(block.timestamp - 1 hours, 1e18, "ipfs://incident");
        trigger.dispute();
        vm.stopPrank();
        uint256 disputeId = claims.openTriggerDispute(marketId);
        vm.warp(block.timestamp + 30 days);
        assertEq(uint8(trigger.state()), uint8(TriggerState.FROZEN), "frozen for the whole vote");
        assertFalse(claims.resolveTriggerDispute(disputeId));

        vm.expectRevert(
            abi.encodeWithSelector(IOptimisticTrigger.RejectionCooldown.selector, block.timestamp + 1 hours)
        );
        vm.prank(proposer);
        trigger.propose(block.timestamp, 1e18, "ipfs://again");

        vm.prank(proposer);
        trigger.withdrawBonds(proposer);
        assertEq(before - usdc.balanceOf(proposer), BOND / 2, "the freeze cost half a bond");

        address treasury = markets.treasury();
        uint256 treasuryBefore = usdc.balanceOf(treasury);
        vm.expectEmit(address(claims));
        emit EventsLib.TriggerBondsCollected(marketId, treasury, BOND / 2);
        assertEq(claims.collectTriggerBonds(marketId), BOND / 2);
        assertEq(usdc.balanceOf(treasury) - treasuryBefore, BOND / 2, "the slashed half reaches the treasury");
    }

    function test_collectTriggerBonds_revertsWhenNotResolver() public {
        OptimisticTrigger other = new OptimisticTrigger(usdc, BOND, 2 days, makeAddr("someoneElse"));
        uint256 otherMarket = _createMarket(address(other));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidAssessorParams.selector, bytes32("resolver")));
        claims.collectTriggerBonds(otherMarket);
    }
}
