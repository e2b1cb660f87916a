// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {EventsLib} from "../../src/libraries/EventsLib.sol";
import {AssessedBase} from "../utils/ClaimsBase.sol";
import {AssessedClaims} from "../../src/AssessedClaims.sol";
import {AssessorRules, Claim, ClaimStatus} from "../../src/interfaces/IAssessedClaims.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";

contract VoteTest is AssessedBase {
    function test_vote_countsOneVotePerMember() public {
        (, uint256 claimId) = _votingClaim(50_000e6);
        vm.expectEmit(address(claims));
        emit EventsLib.Voted(claimId, assessor1, true, block.timestamp + VOTING_PERIOD);
        _vote(assessor1, claimId, true);
        _vote(assessor2, claimId, false);
        _vote(assessor3, claimId, true);
        Claim memory c = _claim(claimId);
        assertEq(c.yes, 2);
        assertEq(c.no, 1);
        assertTrue(claims.hasVoted(claimId, assessor1));
        assertEq(c.deadline, block.timestamp + VOTING_PERIOD, "early votes keep the end");
    }

    function test_vote_lateVoteExtendsDeadline(uint256 at) public {
        (, uint256 claimId) = _votingClaim(50_000e6);
        uint256 deadline = _claim(claimId).deadline;
        at = bound(at, deadline - LATE_WINDOW + 1, deadline);
        vm.warp(at);
        _vote(assessor1, claimId, true);
        assertEq(_claim(claimId).deadline, at + LATE_WINDOW, "end moves to vote time + late window");
        // The others can answer after the original end.
        vm.warp(deadline + 1);
        _vote(assessor2, claimId, false);
        assertEq(_claim(claimId).no, 1);
    }

    function test_vote_earlyVoteKeepsDeadline(uint256 at) public {
        (, uint256 claimId) = _votingClaim(50_000e6);
        uint256 deadline = _claim(claimId).deadline;
        at = bound(at, block.timestamp, deadline - LATE_WINDOW);
        vm.warp(at);
        _vote(assessor1, claimId, true);
        assertEq(_claim(claimId).deadline, deadline);
    }

    function test_vote_afterChallenge() public {
        (, uint256 claimId) = _fastClaim(5_000e6);
        _challengeAs(challenger, claimId);
        _vote(assessor1, claimId, false);
        assertEq(_claim(claimId).no, 1);
    }

    function test_vote_revertsOnFastTrackClaim() public {
        (, uint256 claimId) = _fastClaim(1_000e6);
        vm.prank(assessor1);
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.WrongClaimStatus.selector, claimId, uint8(ClaimStatus.FAST_TRACK))
        );
        claims.vote(claimId, true);
    }

    function test_vote_revertsNotAssessor(address voter) public {
        vm.assume(voter != assessor1 && voter != assessor2 && voter != assessor3);
        (, uint256 claimId) = _votingClaim(50_000e6);
        vm.prank(voter);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NotAssessor.selector, voter));
        claims.vote(claimId, true);
    }

    function test_vote_revertsAlreadyVoted(bool first, bool second) public {
        (, uint256 claimId) = _votingClaim(50_000e6);
        _vote(assessor1, claimId, first);
        vm.prank(assessor1);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.AlreadyVoted.selector, claimId, assessor1));
        claims.vote(claimId, second);
    }

    function test_vote_revertsVotingClosed(uint256 late) public {
        (, uint256 claimId) = _votingClaim(50_000e6);
        uint256 deadline = _claim(claimId).deadline;
        late = bound(late, 1, 60 days);
        vm.warp(deadline + late);
        vm.prank(assessor1);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.VotingClosed.selector, claimId, deadline));
        claims.vote(claimId, true);
    }

    function test_vote_revertsAfterFinalize() public {
        (, uint256 claimId) = _votingClaim(50_000e6);
        _vote(assessor1, claimId, true);
        _vote(assessor2, claimId, true);
        vm.warp(block.timestamp + VOTING_PERIOD + 1);
        claims.finalize(claimId);
        vm.prank(assessor3);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.WrongClaimStatus.selector, claimId, uint8(ClaimStatus.APPROVED)));
        claims.vote(claimId, false);
    }

    function test_vote_revertsUnknownClaim(uint256 claimId) public {
        vm.prank(assessor1);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownClaim.selector, claimId));
        claims.vote(claimId, true);
    }

    /* ASSESSOR GOVERNANCE */

    function test_createAssessorGroup_storesRules() public {
        vm.prank(governance);
        uint256 id = claims.createAssessorGroup(_members(), _rules());
        assertEq(id, groupId + 1);
        (uint32 votingPeriod, uint32 late, uint32 cooldown, uint16 quorum, uint16 members) = claims.rulesOf(id);
        assertEq(votingPeriod, VOTING_PERIOD);
        assertEq(late, LATE_WINDOW);
        assertEq(cooldown, COOLDOWN);
        assertEq(quorum, QUORUM);
        assertEq(members, 3);
        assertTrue(claims.isAssessor(id, assessor2));
    }

    function test_createAssessorGroup_revertsAccessManagedUnauthorized(address caller) public {
        vm.assume(caller != governance && caller != address(this));
        address[] memory members = _members();
        AssessorRules memory rules = _rules();
        vm.startPrank(caller);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
        claims.createAssessorGroup(members, rules);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
        claims.setMarketAssessors(marketId, groupId);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
        claims.setClaimParams(1 days, 100, 500);
        vm.stopPrank();
    }

    function _expectInvalid(address[] memory members, AssessorRules memory rules, bytes32 reason) internal {
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidAssessorParams.selector, reason));
        claims.createAssessorGroup(members, rules);
    }

    function test_createAssessorGroup_revertsInvalidAssessorParams() public {
        AssessorRules memory r = _rules();
        _expectInvalid(new address[](0), r, "members");
        r.quorum = 0;
        _expectInvalid(_members(), r, "quorum");
        r.quorum = 4;
        _expectInvalid(_members(), r, "quorum");
        r = _rules();
        r.votingPeriod = 1 hours - 1;
        _expectInvalid(_members(), r, "votingPeriod");
        r.votingPeriod = 30 days + 1;
        _expectInvalid(_members(), r, "votingPeriod");
        r = _rules();
        r.lateVoteWindow = r.votingPeriod + 1;
        _expectInvalid(_members(), r, "lateVoteWindow");
        r = _rules();
        r.cooldown = 14 days + 1;
        _expectInvalid(_members(), r, "cooldown");
        address[] memory dup = _members();
        dup[2] = dup[0];
        _expectInvalid(dup, _rules(), "duplicate");
    }

    function test_setMarketAssessors_revertsInvalidGroup(uint256 id) public {
        vm.assume(id == 0 || id > claims.groupCount());
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidAssessorParams.selector, bytes32("groupId")));
        claims.setMarketAssessors(marketId, id);
    }

    function test_setMarketAssessors_revertsUnknownMarket() public {
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, 99));
        claims.setMarketAssessors(99, groupId);
    }

    function test_setClaimParams_updatesAndValidates(uint32 window, uint16 depositBps, uint16 bondBps) public {
        window = uint32(bound(window, 1 hours, 14 days));
        depositBps = uint16(bound(depositBps, 0, 1_000));
        bondBps = uint16(bound(bondBps, 0, 2_000));
        vm.startPrank(governance);
        claims.setClaimParams(window, depositBps, bondBps);
        assertEq(claims.challengeWindow(), window);
        assertEq(claims.depositBps(), depositBps);
        assertEq(claims.bondBps(), bondBps);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidAssessorParams.selector, bytes32("window")));
        claims.setClaimParams(1 hours - 1, depositBps, bondBps);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidAssessorParams.selector, bytes32("window")));
        claims.setClaimParams(14 days + 1, depositBps, bondBps);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidAssessorParams.selector, bytes32("bps")));
        claims.setClaimParams(window, 1_001, bondBps);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidAssessorParams.selector, bytes32("bps")));
        claims.setClaimParams(window, depositBps, 2_001);
        vm.stopPrank();
    }
}
