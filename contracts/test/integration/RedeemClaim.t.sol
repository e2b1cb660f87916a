// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {EventsLib} from "../../src/libraries/EventsLib.sol";
import {AssessedBase, RecordingReceiver} from "../utils/ClaimsBase.sol";
import {Pool} from "../../src/Pool.sol";
import {AssessedClaims} from "../../src/AssessedClaims.sol";
import {Claim, ClaimStatus} from "../../src/interfaces/IAssessedClaims.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";

contract RedeemClaimTest is AssessedBase {
    function test_redeemClaim_fastTrackPaysOwnerAndReturnsDeposit(uint256 amount) public {
        amount = bound(amount, 1, FAST_LIMIT);
        (, uint256 claimId) = _fastClaim(amount);
        vm.warp(block.timestamp + 2 days + 1);
        claims.finalize(claimId);
        vm.warp(block.timestamp + COOLDOWN); // the void window
        uint256 balance = usdc.balanceOf(buyer);
        uint256 capital = pool.totalAssets();
        uint256 locked = pool.lockedCapital();
        vm.expectEmit(address(claims));
        emit EventsLib.ClaimRedeemed(claimId, buyer, amount);
        vm.prank(stranger);
        assertEq(claims.redeemClaim(claimId), amount);
        assertEq(usdc.balanceOf(buyer) - balance, amount + amount / 100, "payout plus deposit back");
        assertEq(capital - pool.totalAssets(), amount, "paid from the pool");
        assertEq(pool.claimHold(), 0);
        assertEq(locked - pool.lockedCapital(), amount, "hold released");
        assertEq(uint8(_status(claimId)), uint8(ClaimStatus.PAID));
        assertEq(usdc.balanceOf(address(claims)), 0);
    }

    function test_redeemClaim_challengedThenApprovedPaysDepositAndBond(uint256 amount) public {
        amount = bound(amount, 1e6, FAST_LIMIT);
        (, uint256 claimId) = _fastClaim(amount);
        _challengeAs(challenger, claimId);
        _vote(assessor1, claimId, true);
        _vote(assessor2, claimId, true);
        vm.warp(block.timestamp + VOTING_PERIOD + 1);
        assertEq(uint8(claims.finalize(claimId)), uint8(ClaimStatus.APPROVED));
        vm.warp(block.timestamp + COOLDOWN);
        Claim memory c = _claim(claimId);
        uint256 balance = usdc.balanceOf(buyer);
        uint256 challengerBalance = usdc.balanceOf(challenger);
        claims.redeemClaim(claimId);
        assertEq(usdc.balanceOf(buyer) - balance, amount + c.deposit + c.bond, "claimant gets the challenger's bond");
        assertEq(usdc.balanceOf(challenger), challengerBalance, "challenger loses the bond");
        assertEq(usdc.balanceOf(address(claims)), 0);
    }

    function test_redeemClaim_revertsTooEarlyDuringCooldown(uint256 wait) public {
        (, uint256 claimId) = _votingClaim(50_000e6);
        _vote(assessor1, claimId, true);
        _vote(assessor2, claimId, true);
        vm.warp(block.timestamp + VOTING_PERIOD + 1);
        claims.finalize(claimId);
        uint256 payableAt = _claim(claimId).payableAt;
        wait = bound(wait, 0, COOLDOWN - 1);
        vm.warp(block.timestamp + wait);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TooEarly.selector, claimId, payableAt));
        claims.redeemClaim(claimId);
        vm.warp(payableAt);
        assertEq(claims.redeemClaim(claimId), 50_000e6);
    }

    function test_redeemClaim_revertsWrongClaimStatus() public {
        (, uint256 claimId) = _fastClaim(1_000e6);
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.WrongClaimStatus.selector, claimId, uint8(ClaimStatus.FAST_TRACK))
        );
        claims.redeemClaim(claimId);
        vm.warp(block.timestamp + 2 days + 1);
        claims.finalize(claimId);
        vm.warp(block.timestamp + COOLDOWN); // the void window
        claims.redeemClaim(claimId);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.WrongClaimStatus.selector, claimId, uint8(ClaimStatus.PAID)));
        claims.redeemClaim(claimId);
    }

    function test_redeemClaim_revertsWhenDenied() public {
        (, uint256 claimId) = _votingClaim(50_000e6);
        vm.warp(block.timestamp + VOTING_PERIOD + 1);
        claims.finalize(claimId);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.WrongClaimStatus.selector, claimId, uint8(ClaimStatus.DENIED)));
        claims.redeemClaim(claimId);
    }

    function test_redeemClaim_revertsUnknownClaim(uint256 claimId) public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownClaim.selector, claimId));
        claims.redeemClaim(claimId);
    }

    function test_redeemClaim_paysCurrentOwnerAfterTransfer() public {
        (uint256 policyId, uint256 claimId) = _fastClaim(5_000e6);
        vm.prank(buyer);
        cover.transferFrom(buyer, alice, policyId);
        vm.warp(block.timestamp + 2 days + 1);
        claims.finalize(claimId);
        vm.warp(block.timestamp + COOLDOWN); // the void window
        uint256 balance = usdc.balanceOf(buyer);
        claims.redeemClaim(claimId);
        assertEq(usdc.balanceOf(alice), 5_000e6, "payout to the current owner");
        assertEq(usdc.balanceOf(buyer) - balance, 50e6, "deposit back to the claimant");
    }

    function test_redeemClaim_multiPoolPaysEachPoolsShare(uint256 amount) public {
        (Pool small, uint32 smallId) = _createPool(marketId, 5_000);
        _deposit(small, lp, 100_000e6);
        uint256 policyId = _buyFor(buyer, marketId, 200_000e6, 90 days, _two(smallId, poolId)); // 50k + 150k
        amount = bound(amount, 1e6, FAST_LIMIT);
        uint256 claimId = _submitAs(buyer, policyId, amount);
        vm.warp(block.timestamp + 2 days + 1);
        claims.finalize(claimId);
        vm.warp(block.timestamp + COOLDOWN); // the void window
        uint256 capSmall = small.totalAssets();
        uint256 capBig = pool.totalAssets();
        claims.redeemClaim(claimId);
        uint256 fromSmall = capSmall - small.totalAssets();
        uint256 fromBig = capBig - pool.totalAssets();
        assertEq(fromSmall, amount * 50_000e6 / 200_000e6);
        assertEq(fromSmall + fromBig, amount);
        assertEq(small.claimHold(), 0);
        assertEq(pool.claimHold(), 0);
    }

    function test_redeemClaim_paidAfterLpsLeave() public {
        // LPs withdraw everything they can while the claim is approved but unpaid: the hold keeps it funded.
        (, uint256 claimId) = _fastClaim(5_000e6);
        vm.warp(block.timestamp + 2 days + 1);
        claims.finalize(claimId);
        uint256 capital = pool.totalAssets();
        _requestAll(pool, lp);
        vm.warp(block.timestamp + 7 days);
        uint256 free = pool.freeCapital();
        vm.prank(lp);
        pool.withdraw(free, lp, lp);
        assertLt(pool.totalAssets(), capital);
        assertGe(pool.totalAssets(), 5_000e6, "the held amount stays in the pool");
        assertEq(claims.redeemClaim(claimId), 5_000e6);
    }

    /// @dev A contract owner is notified of its assessed payout.
    function test_redeemClaim_notifiesContractOwner() public {
        RecordingReceiver receiver = new RecordingReceiver();
        (uint256 policyId, uint256 claimId) = _fastClaim(5_000e6);
        vm.prank(buyer);
        cover.transferFrom(buyer, address(receiver), policyId);
        vm.warp(block.timestamp + 2 days + 1);
        claims.finalize(claimId);
        vm.warp(block.timestamp + COOLDOWN);
        vm.expectEmit(address(receiver));
        emit RecordingReceiver.Notified(policyId, address(usdc), 5_000e6);
        claims.redeemClaim(claimId);
        assertEq(receiver.lastAmount(), 5_000e6);
    }

    /// @dev A caller cannot pay a contract owner without notifying it: at every gas limit the call either reverts
    /// (below the callback's need, with InsufficientCallbackGas) or pays and notifies.
    function test_redeemClaim_tightGasCannotStarveCallback() public {
        RecordingReceiver receiver = new RecordingReceiver();
        (uint256 policyId, uint256 claimId) = _fastClaim(5_000e6);
        vm.prank(buyer);
        cover.transferFrom(buyer, address(receiver), policyId);
        vm.warp(block.timestamp + 2 days + 1);
        claims.finalize(claimId);
        vm.warp(block.timestamp + COOLDOWN);
        bool guarded;
        bool paid;
        for (uint256 gas = 60_000; gas <= 600_000; gas += 2_000) {
            (bool ok, bytes memory ret) =
                address(claims).call{gas: gas}(abi.encodeCall(claims.redeemClaim, (claimId)));
            if (!ok) {
                if (ret.length >= 4 && bytes4(ret) == ErrorsLib.InsufficientCallbackGas.selector) guarded = true;
                continue;
            }
            paid = true;
            assertEq(receiver.lastAmount(), 5_000e6, "paid without notifying");
            break;
        }
        assertTrue(guarded, "some gas limit hit the callback guard");
        assertTrue(paid);
        assertEq(uint8(_status(claimId)), uint8(ClaimStatus.PAID));
    }
}
