// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {EventsLib} from "../../src/libraries/EventsLib.sol";
import {AssessedBase} from "../utils/ClaimsBase.sol";
import {MockTrigger} from "../../src/mocks/MockTrigger.sol";
import {Pool} from "../../src/Pool.sol";
import {AssessedClaims} from "../../src/AssessedClaims.sol";
import {Claim, ClaimStatus} from "../../src/interfaces/IAssessedClaims.sol";
import {Policy} from "../../src/interfaces/ICoverManager.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {Market} from "../../src/types/Types.sol";

contract SubmitClaimTest is AssessedBase {
    function test_submitClaim_fastTrackHoldsCapitalAndDeposit(uint256 amount) public {
        amount = bound(amount, 1, FAST_LIMIT);
        uint256 policyId = _policy(100_000e6);
        uint256 locked = pool.lockedCapital();
        uint256 free = pool.freeCapital();
        usdc.mint(buyer, amount);
        vm.startPrank(buyer);
        usdc.approve(address(claims), type(uint256).max);
        uint256 balance = usdc.balanceOf(buyer);
        vm.expectEmit(address(claims));
        emit EventsLib.ClaimSubmitted(1, policyId, buyer, amount, "ipfs://evidence");
        uint256 claimId = claims.submitClaim(policyId, amount, "ipfs://evidence");
        vm.stopPrank();

        Claim memory c = _claim(claimId);
        assertEq(claimId, 1);
        assertEq(uint8(c.status), uint8(ClaimStatus.FAST_TRACK));
        assertEq(c.claimant, buyer);
        assertEq(c.marketId, marketId);
        assertEq(c.deadline, block.timestamp + 2 days);
        assertEq(c.amount, amount);
        assertEq(c.deposit, amount / 100);
        assertEq(c.policyId, policyId);
        assertEq(balance - usdc.balanceOf(buyer), amount / 100, "deposit taken");
        assertEq(usdc.balanceOf(address(claims)), amount / 100);
        assertEq(claims.claimOfPolicy(policyId), claimId);
        assertEq(pool.claimHold(), amount, "pool holds the claim");
        assertEq(pool.lockedCapital(), locked + amount, "locked capital grows");
        assertEq(pool.freeCapital(), free - amount);
    }

    function test_submitClaim_largeClaimGoesToVote(uint256 amount) public {
        amount = bound(amount, FAST_LIMIT + 1, 90_000e6);
        uint256 policyId = _policy(100_000e6);
        uint256 claimId = _submitAs(buyer, policyId, amount);
        Claim memory c = _claim(claimId);
        assertEq(uint8(c.status), uint8(ClaimStatus.VOTING));
        assertEq(c.deadline, block.timestamp + VOTING_PERIOD);
        assertEq(pool.claimHold(), amount);
    }

    function test_submitClaim_revertsNotPolicyOwner(address caller) public {
        vm.assume(caller != buyer);
        uint256 policyId = _policy(100_000e6);
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NotPolicyOwner.selector, policyId, caller));
        claims.submitClaim(policyId, 1_000e6, "");
    }

    function test_submitClaim_revertsAfterTransferForOldOwner() public {
        uint256 policyId = _policy(100_000e6);
        vm.prank(buyer);
        cover.transferFrom(buyer, alice, policyId);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NotPolicyOwner.selector, policyId, buyer));
        claims.submitClaim(policyId, 1_000e6, "");
        uint256 claimId = _submitAs(alice, policyId, 1_000e6);
        assertEq(_claim(claimId).claimant, alice);
    }

    function test_submitClaim_revertsWrongClaimMode() public {
        MockTrigger t = new MockTrigger();
        uint256 mId = _createMarket(address(t));
        _back(pool, mId, 5_000);
        uint256 policyId = _buyFor(buyer, mId, 10_000e6, 30 days, _one(poolId));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.WrongClaimMode.selector, mId));
        claims.submitClaim(policyId, 1_000e6, "");
    }

    function test_submitClaim_revertsNotCoveredBeforeStart(uint256 wait) public {
        Market memory m = _marketParams(address(0));
        m.maturationDelay = 5 days;
        uint256 mId = _marketWith(m);
        _assessorGroupFor(mId);
        _back(pool, mId, 5_000);
        uint256 policyId = _buyFor(buyer, mId, 10_000e6, 30 days, _one(poolId));
        Policy memory pol = cover.policy(policyId);
        wait = bound(wait, 0, 5 days - 1);
        vm.warp(block.timestamp + wait);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NotCovered.selector, policyId, pol.start, pol.end));
        claims.submitClaim(policyId, 1_000e6, "");
    }

    function test_submitClaim_revertsNotCoveredAfterClaimWindow(uint256 late) public {
        uint256 policyId = _policy(100_000e6);
        Policy memory pol = cover.policy(policyId);
        late = bound(late, 1, 365 days);
        vm.warp(uint256(pol.end) + 30 days + late);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NotCovered.selector, policyId, pol.start, pol.end));
        claims.submitClaim(policyId, 1_000e6, "");
    }

    function test_submitClaim_acceptedWithinClaimWindowAfterEnd(uint256 after_) public {
        uint256 policyId = _policy(100_000e6);
        Policy memory pol = cover.policy(policyId);
        after_ = bound(after_, 0, 30 days);
        vm.warp(uint256(pol.end) + after_);
        uint256 claimId = _submitAs(buyer, policyId, 1_000e6);
        assertEq(uint8(_status(claimId)), uint8(ClaimStatus.FAST_TRACK));
    }

    function test_submitClaim_revertsZeroAmount() public {
        uint256 policyId = _policy(100_000e6);
        vm.prank(buyer);
        vm.expectRevert(ErrorsLib.ZeroAmount.selector);
        claims.submitClaim(policyId, 0, "");
    }

    function test_submitClaim_revertsClaimTooLarge(uint256 amount) public {
        amount = bound(amount, 90_000e6 + 1, type(uint128).max);
        uint256 policyId = _policy(100_000e6);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ClaimTooLarge.selector, amount, 90_000e6));
        claims.submitClaim(policyId, amount, "");
    }

    function test_submitClaim_revertsClaimExistsWhilePending(uint256 second) public {
        second = bound(second, 1, 90_000e6);
        (uint256 policyId, uint256 claimId) = _fastClaim(1_000e6);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ClaimExists.selector, policyId, claimId));
        claims.submitClaim(policyId, second, "");
        // Still refused once approved.
        vm.warp(block.timestamp + 2 days + 1);
        claims.finalize(claimId);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ClaimExists.selector, policyId, claimId));
        claims.submitClaim(policyId, second, "");
    }

    function test_submitClaim_revertsClaimExistsOncePaid() public {
        // INV-PAYOUT: one policy cannot be paid twice.
        (uint256 policyId, uint256 claimId) = _fastClaim(5_000e6);
        vm.warp(block.timestamp + 2 days + 1);
        claims.finalize(claimId);
        vm.warp(block.timestamp + COOLDOWN); // the void window
        claims.redeemClaim(claimId);
        usdc.mint(buyer, 1_000e6);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ClaimExists.selector, policyId, claimId));
        claims.submitClaim(policyId, 1_000e6, "");
    }

    function test_submitClaim_allowedAgainAfterDenial() public {
        (uint256 policyId, uint256 first) = _votingClaim(50_000e6);
        vm.warp(block.timestamp + VOTING_PERIOD + 1);
        assertEq(uint8(claims.finalize(first)), uint8(ClaimStatus.DENIED), "no quorum");
        assertEq(pool.claimHold(), 0);
        uint256 second = _submitAs(buyer, policyId, 2_000e6);
        assertEq(second, first + 1);
        assertEq(claims.claimOfPolicy(policyId), second);
        assertEq(pool.claimHold(), 2_000e6);
    }

    /// A market without assessors sells no cover, so no claim, fast-track or voting, is ever made on it; once
    /// governance names assessors, a claim above the fast-track limit goes to their vote.
    function test_submitClaim_needsAssessorGroupFromSale(uint256 amount) public {
        amount = bound(amount, FAST_LIMIT + 1, 90_000e6);
        uint256 mId = _marketWith(_marketParams(address(0)));
        _back(pool, mId, 5_000);
        _fund(buyer, 100_000e6);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NoAssessorGroup.selector, mId));
        vm.prank(buyer);
        cover.buyCover(_buyParams(mId, 100_000e6, 30 days, _one(poolId)));
        assertEq(cover.nextPolicyId(), 1, "no policy minted");

        _assessorGroupFor(mId);
        uint256 policyId = _buyFor(buyer, mId, 100_000e6, 30 days, _one(poolId));
        uint256 claimId = _submitAs(buyer, policyId, amount);
        assertEq(uint8(_status(claimId)), uint8(ClaimStatus.VOTING));
        assertEq(_claim(claimId).deadline, block.timestamp + VOTING_PERIOD);
    }

    function test_submitClaim_pendingClaimLimitsWithdrawals(uint256 amount) public {
        amount = bound(amount, 1e6, 90_000e6);
        uint256 policyId = _policy(100_000e6);
        _requestAll(pool, lp);
        vm.warp(block.timestamp + 7 days);
        uint256 freeBefore = pool.freeCapital();
        _submitAs(buyer, policyId, amount);
        uint256 free = pool.freeCapital();
        assertEq(free, freeBefore - amount, "the claim's amount is held");
        assertLe(pool.maxWithdraw(lp), free);
        vm.prank(lp);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientFreeCapital.selector, free + 1, free));
        pool.withdraw(free + 1, lp, lp);
        vm.prank(lp);
        pool.withdraw(free, lp, lp);
        assertEq(pool.totalAssets(), pool.lockedCapital(), "what remains is locked");
    }

    function test_submitClaim_multiPoolSplitsHold(uint256 amount) public {
        (Pool small, uint32 smallId) = _createPool(marketId, 5_000);
        _deposit(small, lp, 100_000e6);
        uint256 policyId = _buyFor(buyer, marketId, 200_000e6, 90 days, _two(smallId, poolId)); // 50k + 150k
        amount = bound(amount, 1e6, 180_000e6);
        _submitAs(buyer, policyId, amount);
        assertEq(small.claimHold(), amount * 50_000e6 / 200_000e6);
        assertEq(pool.claimHold(), amount - amount * 50_000e6 / 200_000e6);
    }
}
