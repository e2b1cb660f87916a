// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {TestTrigger} from "../utils/TestTrigger.sol";
import {Pool} from "../../src/Pool.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {TriggerState} from "../../src/interfaces/ITrigger.sol";

/// @notice `Pool.withdraw`: exits of an asset amount from escrowed shares after the cooldown.
contract WithdrawTest is BaseTest {
    uint256 internal marketId;
    uint256 internal paramId;
    TestTrigger internal trigger;
    Pool internal pool;
    uint32 internal poolId;
    uint256 internal shares;

    function setUp() public override {
        super.setUp();
        marketId = _createMarket(address(0));
        (paramId, trigger) = _createParametricMarket();
        (pool, poolId) = _createPool(marketId, 5_000);
        vm.prank(curator);
        pool.setMarketConfig(paramId, 5_000, _curve(), false);
        shares = _deposit(pool, lp, 1_000_000e6);
    }

    function _requestAndWait(uint256 amount) internal {
        _requestRedeem(pool, lp, amount);
        vm.warp(block.timestamp + 7 days);
    }

    function _expectNoEffect(address caller, uint256 assets, bytes memory err) internal {
        Req memory r0 = _req(pool, lp);
        uint256 bal = usdc.balanceOf(address(pool));
        vm.expectRevert(err);
        vm.prank(caller);
        pool.withdraw(assets, caller, lp);
        Req memory r1 = _req(pool, lp);
        assertEq(r1.shares, r0.shares);
        assertEq(r1.assets, r0.assets);
        assertEq(usdc.balanceOf(address(pool)), bal);
    }

    /// Burns enough shares to be worth the assets at both prices; the remaining request keeps its value.
    function test_withdraw_burnsAtLeastAssetsWorth(uint256 assets) public {
        _buy(marketId, 100_000e6, 365 days, _one(poolId));
        _requestAndWait(shares);
        assets = bound(assets, 1, pool.maxWithdraw(lp));
        uint256 price = pool.convertToAssets(1e18);
        vm.prank(lp);
        uint256 burned = pool.withdraw(assets, lp, lp);
        assertEq(usdc.balanceOf(lp), assets);
        assertGe(pool.convertToAssets(1e18), price, "share price never falls");
        Req memory r = _req(pool, lp);
        assertEq(r.shares, shares - burned);
        assertGe(burned, assets * 1e6, "at least request-price shares");
    }

    function test_withdraw_zeroAmount() public {
        _requestAndWait(shares);
        _expectNoEffect(lp, 0, abi.encodeWithSelector(ErrorsLib.ZeroAmount.selector));
    }

    function test_withdraw_notClaimable() public {
        _expectNoEffect(lp, 1, abi.encodeWithSelector(ErrorsLib.RequestNotClaimable.selector, lp, 0));
        uint256 at = _requestRedeem(pool, lp, shares);
        _expectNoEffect(lp, 1, abi.encodeWithSelector(ErrorsLib.RequestNotClaimable.selector, lp, at));
    }

    function test_withdraw_exceedsRequest(uint256 requested, uint256 assets) public {
        requested = bound(requested, 1e6, shares / 2);
        _requestAndWait(requested);
        Req memory r = _req(pool, lp);
        assets = bound(assets, uint256(r.assets) + 1, 1_000_000e6);
        // Shares worth `assets` at both the request price and the exit price (capital - claim hold), rounded up.
        uint256 atExitPrice = Math.mulDiv(
            assets, pool.totalSupply() + 1e6, pool.capital() - pool.claimHold() + 1, Math.Rounding.Ceil
        );
        uint256 needed = Math.max(Math.mulDiv(assets, r.shares, r.assets, Math.Rounding.Ceil), atExitPrice);
        _expectNoEffect(
            lp, assets, abi.encodeWithSelector(ErrorsLib.ExceedsRequest.selector, lp, needed, requested)
        );
    }

    function test_withdraw_insufficientFreeCapital(uint256 assets) public {
        _buy(marketId, 500_000e6, 30 days, _one(poolId));
        _requestAndWait(shares);
        uint256 free = pool.freeCapital();
        assets = bound(assets, free + 1, 999_000e6);
        _expectNoEffect(lp, assets, abi.encodeWithSelector(ErrorsLib.InsufficientFreeCapital.selector, assets, free));
        vm.prank(lp);
        pool.withdraw(free, lp, lp);
        assertEq(pool.capital(), pool.lockedCapital(), "INV-LOCK: exactly at the lock");
    }

    function test_withdraw_refusedWhileIncidentOpen(bool fired) public {
        _requestAndWait(shares);
        TriggerState s = fired ? TriggerState.TRIGGERED : TriggerState.FROZEN;
        trigger.set(s);
        _expectNoEffect(lp, 1e6, abi.encodeWithSelector(ErrorsLib.TriggerNotActive.selector, paramId, s));
    }

    /// Only the controller or its operator claims a request: a share allowance is not enough.
    function test_withdraw_thirdPartyNeedsOperator(address operator) public {
        vm.assume(operator != lp && operator != address(0) && operator != address(pool));
        _requestAndWait(shares);
        _expectNoEffect(operator, 1e6, abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, operator));
        vm.prank(lp);
        pool.approve(operator, shares);
        _expectNoEffect(operator, 1e6, abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, operator));

        vm.prank(lp);
        pool.setOperator(operator, true);
        uint256 before = usdc.balanceOf(operator);
        vm.prank(operator);
        uint256 burned = pool.withdraw(1e6, operator, lp);
        assertEq(usdc.balanceOf(operator) - before, 1e6);
        assertEq(_req(pool, lp).shares, shares - burned);
        // Revoked: the operator can no longer claim.
        vm.prank(lp);
        pool.setOperator(operator, false);
        _expectNoEffect(operator, 1e6, abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, operator));
    }

    /// Exits are asynchronous (ERC-7540): there is no preview of a claim.
    function test_previewWithdraw_revertsAsyncRedeem(uint256 amount) public {
        vm.expectRevert(ErrorsLib.AsyncRedeem.selector);
        pool.previewWithdraw(amount);
        vm.expectRevert(ErrorsLib.AsyncRedeem.selector);
        pool.previewRedeem(amount);
    }
}
