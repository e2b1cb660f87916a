// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {AssessedBase} from "../utils/ClaimsBase.sol";
import {Claim, ClaimStatus} from "../../src/interfaces/IAssessedClaims.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";

contract VoidClaimTest is AssessedBase {
    function _approvedByVote(bool challenged) internal returns (uint256 policyId, uint256 claimId) {
        if (challenged) {
            (policyId, claimId) = _fastClaim(5_000e6);
            _challengeAs(challenger, claimId);
        } else {
            (policyId, claimId) = _votingClaim(50_000e6);
        }
        _vote(assessor1, claimId, true);
        _vote(assessor2, claimId, true);
        vm.warp(block.timestamp + VOTING_PERIOD + 1);
        claims.finalize(claimId);
    }

    function test_voidClaim_duringCooldownPaysChallenger(uint256 wait) public {
        (, uint256 claimId) = _approvedByVote(true);
        wait = bound(wait, 0, COOLDOWN - 1);
        vm.warp(block.timestamp + wait);
        Claim memory c = _claim(claimId);
        uint256 balance = usdc.balanceOf(challenger);
        vm.prank(governance);
        claims.voidClaim(claimId);
        assertEq(uint8(_status(claimId)), uint8(ClaimStatus.VOIDED));
        assertEq(usdc.balanceOf(challenger) - balance, uint256(c.deposit) + c.bond);
        assertEq(pool.claimHold(), 0, "hold released");
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.WrongClaimStatus.selector, claimId, uint8(ClaimStatus.VOIDED)));
        claims.redeemClaim(claimId);
    }

    function test_voidClaim_unchallengedDepositToTreasury() public {
        (uint256 policyId, uint256 claimId) = _approvedByVote(false);
        uint256 deposit = _claim(claimId).deposit;
        uint256 before = usdc.balanceOf(treasury);
        vm.prank(governance);
        claims.voidClaim(claimId);
        assertEq(usdc.balanceOf(treasury) - before, deposit);
        // The policy may file again.
        uint256 next = _submitAs(buyer, policyId, 1_000e6);
        assertEq(claims.claimOfPolicy(policyId), next);
    }

    function test_voidClaim_revertsAccessManagedUnauthorized(address caller) public {
        vm.assume(caller != governance && caller != address(this));
        (, uint256 claimId) = _approvedByVote(false);
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
        claims.voidClaim(claimId);
    }

    function test_voidClaim_revertsAfterCooldown(uint256 late) public {
        (, uint256 claimId) = _approvedByVote(false);
        late = bound(late, 0, 365 days);
        vm.warp(uint256(_claim(claimId).payableAt) + late);
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.WrongClaimStatus.selector, claimId, uint8(ClaimStatus.APPROVED)));
        claims.voidClaim(claimId);
    }

    function test_voidClaim_revertsOnFastTrackBeforeApproval() public {
        (, uint256 claimId) = _fastClaim(1_000e6);
        vm.prank(governance);
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.WrongClaimStatus.selector, claimId, uint8(ClaimStatus.FAST_TRACK))
        );
        claims.voidClaim(claimId);
    }

    /// @dev A fast-track approval used to be payable at once, so fraud could never be voided. It now waits the
    /// group's cooldown, like a voted approval, and the voider can void it then; afterwards it cannot.
    function test_voidClaim_voidsFastTrackApprovalDuringCooldown(uint256 wait) public {
        wait = bound(wait, 0, COOLDOWN - 1);
        (, uint256 claimId) = _fastClaim(1_000e6);
        vm.warp(block.timestamp + 2 days + 1);
        claims.finalize(claimId);
        uint256 payableAt = _claim(claimId).payableAt;
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TooEarly.selector, claimId, payableAt));
        claims.redeemClaim(claimId);
        vm.warp(block.timestamp + wait);
        vm.prank(governance);
        claims.voidClaim(claimId);
        assertEq(uint8(_status(claimId)), uint8(ClaimStatus.VOIDED));
        assertEq(pool.claimHold(), 0, "hold released");
    }

    function test_voidClaim_revertsOnFastTrackAfterCooldown() public {
        (, uint256 claimId) = _fastClaim(1_000e6);
        vm.warp(block.timestamp + 2 days + 1);
        claims.finalize(claimId);
        vm.warp(block.timestamp + COOLDOWN);
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.WrongClaimStatus.selector, claimId, uint8(ClaimStatus.APPROVED)));
        claims.voidClaim(claimId);
    }

    function test_voidClaim_revertsOnPendingVote() public {
        (, uint256 claimId) = _votingClaim(50_000e6);
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.WrongClaimStatus.selector, claimId, uint8(ClaimStatus.VOTING)));
        claims.voidClaim(claimId);
    }

    function test_voidClaim_revertsUnknownClaim(uint256 claimId) public {
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownClaim.selector, claimId));
        claims.voidClaim(claimId);
    }
}
