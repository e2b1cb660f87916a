// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {Pool} from "../../src/Pool.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../src/libraries/EventsLib.sol";
import {IERC7540Redeem} from "../../src/interfaces/IERC7540.sol";

/// @notice `Pool.requestRedeem`.
contract RequestRedeemTest is BaseTest {
    Pool internal pool;
    uint256 internal shares;

    function setUp() public override {
        super.setUp();
        uint256 marketId = _createMarket(address(0));
        (pool,) = _createPool(marketId, 5_000);
        shares = _deposit(pool, lp, 1_000_000e6);
    }

    function test_requestRedeem_escrowsAndEmits(uint256 amount) public {
        amount = bound(amount, 1, shares);
        uint256 assets = pool.convertToAssets(amount);
        vm.expectEmit(true, true, true, true, address(pool));
        emit IERC7540Redeem.RedeemRequest(lp, lp, 0, lp, amount);
        vm.expectEmit(true, true, true, true, address(pool));
        emit EventsLib.RedeemRequested(lp, amount, assets, block.timestamp + 7 days);
        vm.prank(lp);
        assertEq(pool.requestRedeem(amount, lp, lp), 0, "requests are aggregated per controller: id 0");
        assertEq(_req(pool, lp).claimableAt, block.timestamp + 7 days);
        assertEq(pool.pendingRedeemRequest(0, lp), amount);
        assertEq(pool.claimableRedeemRequest(0, lp), 0);
        assertEq(pool.balanceOf(address(pool)), amount);
        assertEq(pool.totalSupply(), shares, "escrowed shares still exist until redeemed");
    }

    function test_requestRedeem_zeroAmount() public {
        vm.expectRevert(ErrorsLib.ZeroAmount.selector);
        vm.prank(lp);
        pool.requestRedeem(0, lp, lp);
    }

    function test_requestRedeem_moreThanBalance(uint256 amount) public {
        amount = bound(amount, shares + 1, type(uint128).max);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, lp, shares, amount));
        vm.prank(lp);
        pool.requestRedeem(amount, lp, lp);
        Req memory r = _req(pool, lp);
        assertEq(r.shares, 0);
    }

    function test_requestRedeem_thirdPartyNeedsAllowance(address operator, uint256 amount) public {
        vm.assume(operator != lp && operator != address(0));
        amount = bound(amount, 1, shares);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, operator, 0, amount)
        );
        vm.prank(operator);
        pool.requestRedeem(amount, lp, lp);
        vm.prank(lp);
        pool.approve(operator, amount);
        vm.prank(operator);
        pool.requestRedeem(amount, lp, lp);
        assertEq(pool.allowance(lp, operator), 0);
        Req memory r = _req(pool, lp);
        assertEq(r.shares, amount);
    }

    /// A second request adds to the first and restarts the cooldown.
    function test_requestRedeem_accumulatesAndRestartsCooldown(uint256 a, uint256 gap) public {
        a = bound(a, 1, shares - 1);
        gap = bound(gap, 1, 30 days);
        _requestRedeem(pool, lp, a);
        vm.warp(block.timestamp + gap);
        uint256 at = _requestRedeem(pool, lp, shares - a);
        Req memory r = _req(pool, lp);
        uint256 claimableAt = r.claimableAt;
        assertEq(r.shares, shares);
        assertApproxEqAbs(r.assets, 1_000_000e6, 1);
        assertEq(claimableAt, at);
        assertEq(at, block.timestamp + 7 days);
        assertEq(pool.maxRedeem(lp), 0);
    }

    function test_requestRedeem_usesCurrentCooldown(uint32 cooldown) public {
        cooldown = uint32(bound(cooldown, 7 days, 90 days));
        _curatorApply(address(pool), abi.encodeCall(pool.setPoolParams, (1_000, 30_000, cooldown, address(0))));
        assertEq(_requestRedeem(pool, lp, 1), block.timestamp + cooldown);
    }
}
