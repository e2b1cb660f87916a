// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {AssessedBase} from "../utils/ClaimsBase.sol";
import {Claim, ClaimStatus} from "../../src/interfaces/IAssessedClaims.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";

contract FinalizeTest is AssessedBase {
    function test_finalize_fastTrackApprovedAfterWindow(uint256 amount, uint256 late) public {
        amount = bound(amount, 1, FAST_LIMIT);
        (, uint256 claimId) = _fastClaim(amount);
        uint256 deadline = _claim(claimId).deadline;
        late = bound(late, 1, 365 days);
        vm.warp(deadline + late);
        vm.prank(stranger);
        assertEq(uint8(claims.finalize(claimId)), uint8(ClaimStatus.APPROVED));
        Claim memory c = _claim(claimId);
        assertEq(uint8(c.status), uint8(ClaimStatus.APPROVED));
        assertEq(c.payableAt, block.timestamp + COOLDOWN, "fast track waits the void window too");
        assertEq(pool.claimHold(), amount, "still held until paid");
    }

    function test_finalize_revertsTooEarlyFastTrack(uint256 at) public {
        (, uint256 claimId) = _fastClaim(1_000e6);
        uint256 deadline = _claim(claimId).deadline;
        at = bound(at, block.timestamp, deadline);
        vm.warp(at);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TooEarly.selector, claimId, deadline));
        claims.finalize(claimId);
    }

    function test_finalize_revertsTooEarlyVote(uint256 at) public {
        (, uint256 claimId) = _votingClaim(50_000e6);
        uint256 deadline = _claim(claimId).deadline;
        at = bound(at, block.timestamp, deadline);
        vm.warp(at);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TooEarly.selector, claimId, deadline));
        claims.finalize(claimId);
    }

    function test_finalize_revertsTooEarlyAfterLateVote() public {
        (, uint256 claimId) = _votingClaim(50_000e6);
        uint256 deadline = _claim(claimId).deadline;
        vm.warp(deadline);
        _vote(assessor1, claimId, true);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TooEarly.selector, claimId, deadline + LATE_WINDOW));
        claims.finalize(claimId);
    }

    function test_finalize_approvedWithQuorumAndMajority() public {
        (, uint256 claimId) = _votingClaim(50_000e6);
        _vote(assessor1, claimId, true);
        _vote(assessor2, claimId, true);
        _vote(assessor3, claimId, false);
        vm.warp(block.timestamp + VOTING_PERIOD + 1);
        assertEq(uint8(claims.finalize(claimId)), uint8(ClaimStatus.APPROVED));
        assertEq(_claim(claimId).payableAt, block.timestamp + COOLDOWN, "cooldown before payment");
    }

    function test_finalize_deniedWithoutQuorum(bool approve) public {
        (, uint256 claimId) = _votingClaim(50_000e6);
        _vote(assessor1, claimId, approve);
        vm.warp(block.timestamp + VOTING_PERIOD + 1);
        uint256 deposit = _claim(claimId).deposit;
        uint256 treasuryBefore = usdc.balanceOf(treasury);
        assertEq(uint8(claims.finalize(claimId)), uint8(ClaimStatus.DENIED));
        assertEq(pool.claimHold(), 0, "hold released");
        assertEq(usdc.balanceOf(treasury) - treasuryBefore, deposit, "unchallenged deposit goes to the treasury");
        assertEq(usdc.balanceOf(address(claims)), 0);
    }

    function test_finalize_deniedOnTie() public {
        (, uint256 claimId) = _votingClaim(50_000e6);
        _vote(assessor1, claimId, true);
        _vote(assessor2, claimId, false);
        vm.warp(block.timestamp + VOTING_PERIOD + 1);
        assertEq(uint8(claims.finalize(claimId)), uint8(ClaimStatus.DENIED));
    }

    function test_finalize_deniedAfterChallengePaysChallenger(uint256 amount) public {
        amount = bound(amount, 1, FAST_LIMIT);
        (, uint256 claimId) = _fastClaim(amount);
        _challengeAs(challenger, claimId);
        uint256 balance = usdc.balanceOf(challenger);
        _vote(assessor1, claimId, false);
        _vote(assessor2, claimId, false);
        _vote(assessor3, claimId, true);
        vm.warp(block.timestamp + VOTING_PERIOD + 1);
        assertEq(uint8(claims.finalize(claimId)), uint8(ClaimStatus.DENIED));
        Claim memory c = _claim(claimId);
        assertEq(usdc.balanceOf(challenger) - balance, uint256(c.deposit) + c.bond, "bond back plus the deposit");
        assertEq(pool.claimHold(), 0);
        assertEq(usdc.balanceOf(address(claims)), 0);
    }

    function test_finalize_revertsWrongClaimStatus() public {
        (, uint256 claimId) = _fastClaim(1_000e6);
        vm.warp(block.timestamp + 2 days + 1);
        claims.finalize(claimId);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.WrongClaimStatus.selector, claimId, uint8(ClaimStatus.APPROVED)));
        claims.finalize(claimId);
        vm.warp(block.timestamp + COOLDOWN); // the void window
        claims.redeemClaim(claimId);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.WrongClaimStatus.selector, claimId, uint8(ClaimStatus.PAID)));
        claims.finalize(claimId);
    }

    function test_finalize_revertsUnknownClaim(uint256 claimId) public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownClaim.selector, claimId));
        claims.finalize(claimId);
    }
}
