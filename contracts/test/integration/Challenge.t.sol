// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {EventsLib} from "../../src/libraries/EventsLib.sol";
import {AssessedBase} from "../utils/ClaimsBase.sol";
import {AssessedClaims} from "../../src/AssessedClaims.sol";
import {Claim, ClaimStatus} from "../../src/interfaces/IAssessedClaims.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";

contract ChallengeTest is AssessedBase {
    function test_challenge_postsBondAndStartsVote(uint256 amount, uint256 wait) public {
        amount = bound(amount, 1, FAST_LIMIT);
        (, uint256 claimId) = _fastClaim(amount);
        wait = bound(wait, 0, 2 days);
        vm.warp(block.timestamp + wait);
        uint256 bond = amount * 500 / 10_000;
        usdc.mint(challenger, bond);
        vm.startPrank(challenger);
        usdc.approve(address(claims), bond);
        vm.expectEmit(address(claims));
        emit EventsLib.ClaimChallenged(claimId, challenger, bond);
        claims.challenge(claimId);
        vm.stopPrank();
        Claim memory c = _claim(claimId);
        assertEq(uint8(c.status), uint8(ClaimStatus.VOTING));
        assertEq(c.challenger, challenger);
        assertEq(c.bond, bond);
        assertEq(c.deadline, block.timestamp + VOTING_PERIOD);
        assertEq(usdc.balanceOf(challenger), 0);
        assertEq(usdc.balanceOf(address(claims)), amount / 100 + bond);
    }

    function test_challenge_revertsUnknownClaim(uint256 claimId) public {
        _fastClaim(1_000e6);
        vm.assume(claimId != 1);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownClaim.selector, claimId));
        claims.challenge(claimId);
    }

    function test_challenge_revertsOnVotingClaim() public {
        (, uint256 claimId) = _votingClaim(50_000e6);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.WrongClaimStatus.selector, claimId, uint8(ClaimStatus.VOTING)));
        claims.challenge(claimId);
    }

    function test_challenge_revertsTwice() public {
        (, uint256 claimId) = _fastClaim(1_000e6);
        _challengeAs(challenger, claimId);
        usdc.mint(bob, 1_000e6);
        vm.startPrank(bob);
        usdc.approve(address(claims), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.WrongClaimStatus.selector, claimId, uint8(ClaimStatus.VOTING)));
        claims.challenge(claimId);
        vm.stopPrank();
    }

    function test_challenge_revertsChallengeWindowClosed(uint256 late) public {
        (, uint256 claimId) = _fastClaim(1_000e6);
        uint256 deadline = _claim(claimId).deadline;
        late = bound(late, 1, 30 days);
        vm.warp(deadline + late);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ChallengeWindowClosed.selector, claimId, deadline));
        claims.challenge(claimId);
    }

    function test_challenge_revertsAfterFastTrackApproval() public {
        (, uint256 claimId) = _fastClaim(1_000e6);
        vm.warp(block.timestamp + 2 days + 1);
        claims.finalize(claimId);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.WrongClaimStatus.selector, claimId, uint8(ClaimStatus.APPROVED)));
        claims.challenge(claimId);
    }

    /// @dev A claimant challenging its own fast-track claim (to have it denied at no cost and front-run a genuine
    /// challenger) is refused.
    function test_challenge_revertsSelfChallenge() public {
        (, uint256 claimId) = _fastClaim(1_000e6);
        usdc.mint(buyer, 1_000e6);
        vm.startPrank(buyer);
        usdc.approve(address(claims), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.SelfChallenge.selector, claimId, buyer));
        claims.challenge(claimId);
        vm.stopPrank();
        assertEq(uint8(_status(claimId)), uint8(ClaimStatus.FAST_TRACK));
        _challengeAs(challenger, claimId);
        assertEq(uint8(_status(claimId)), uint8(ClaimStatus.VOTING));
    }

    /// A market without assessors sells no cover, so no claim on it can be challenged; once governance names
    /// assessors, cover sells and a challenge goes to their vote.
    function test_challenge_needsAssessorGroupFromSale() public {
        uint256 mId = _marketWith(_marketParams(address(0)));
        _back(pool, mId, 5_000);
        _fund(buyer, 100_000e6);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NoAssessorGroup.selector, mId));
        vm.prank(buyer);
        cover.buyCover(_buyParams(mId, 100_000e6, 30 days, _one(poolId)));
        assertEq(pool.exposure(mId), 0);

        _assessorGroupFor(mId);
        uint256 policyId = _buyFor(buyer, mId, 100_000e6, 30 days, _one(poolId));
        uint256 claimId = _submitAs(buyer, policyId, 1_000e6);
        _challengeAs(challenger, claimId);
        assertEq(uint8(_status(claimId)), uint8(ClaimStatus.VOTING));
        assertEq(_claim(claimId).deadline, block.timestamp + VOTING_PERIOD);
    }
}
