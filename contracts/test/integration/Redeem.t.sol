// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {TestTrigger} from "../utils/TestTrigger.sol";
import {Pool} from "../../src/Pool.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {TriggerState} from "../../src/interfaces/ITrigger.sol";

/// @notice `Pool.redeem`: exits of escrowed shares after the cooldown.
contract RedeemTest is BaseTest {
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

    function _expectNoEffect(address caller, uint256 amount, bytes memory err) internal {
        Req memory r0 = _req(pool, lp);
        uint256 bal = usdc.balanceOf(address(pool));
        uint256 supply = pool.totalSupply();
        vm.expectRevert(err);
        vm.prank(caller);
        pool.redeem(amount, caller, lp);
        Req memory r1 = _req(pool, lp);
        assertEq(r1.shares, r0.shares);
        assertEq(r1.assets, r0.assets);
        assertEq(usdc.balanceOf(address(pool)), bal);
        assertEq(pool.totalSupply(), supply);
    }

    function test_redeem_paysAndBurns(uint256 amount, address receiver) public {
        vm.assume(receiver != address(0) && receiver != address(pool));
        amount = bound(amount, 1, shares);
        _requestAndWait(shares);
        uint256 expected = pool.convertToAssets(amount);
        uint256 before = usdc.balanceOf(receiver);
        vm.expectEmit(true, true, true, true, address(pool));
        emit IERC4626.Withdraw(lp, receiver, lp, expected, amount);
        vm.prank(lp);
        assertEq(pool.redeem(amount, receiver, lp), expected);
        assertEq(usdc.balanceOf(receiver) - before, expected);
        Req memory r = _req(pool, lp);
        assertEq(r.shares, shares - amount);
        assertEq(pool.totalSupply(), shares - amount);
    }

    function test_redeem_zeroAmount() public {
        _requestAndWait(shares);
        _expectNoEffect(lp, 0, abi.encodeWithSelector(ErrorsLib.ZeroAmount.selector));
    }

    function test_redeem_noRequest() public {
        _expectNoEffect(lp, 1, abi.encodeWithSelector(ErrorsLib.RequestNotClaimable.selector, lp, 0));
    }

    function test_redeem_beforeCooldown(uint256 early) public {
        uint256 at = _requestRedeem(pool, lp, shares);
        early = bound(early, 1, 7 days);
        vm.warp(at - early);
        _expectNoEffect(lp, shares, abi.encodeWithSelector(ErrorsLib.RequestNotClaimable.selector, lp, at));
        vm.warp(at);
        vm.prank(lp);
        pool.redeem(shares, lp, lp);
    }

    function test_redeem_exceedsRequest(uint256 requested, uint256 amount) public {
        requested = bound(requested, 1, shares - 1);
        amount = bound(amount, requested + 1, shares);
        _requestAndWait(requested);
        _expectNoEffect(
            lp, amount, abi.encodeWithSelector(ErrorsLib.ExceedsRequest.selector, lp, amount, requested)
        );
    }

    function test_redeem_insufficientFreeCapital() public {
        _buy(marketId, 500_000e6, 30 days, _one(poolId));
        _requestAndWait(shares);
        uint256 assets = pool.convertToAssets(shares);
        Req memory r = _req(pool, lp);
        if (r.assets < assets) assets = r.assets;
        uint256 free = pool.freeCapital();
        assertLt(free, assets);
        _expectNoEffect(lp, shares, abi.encodeWithSelector(ErrorsLib.InsufficientFreeCapital.selector, assets, free));
    }

    function test_redeem_refusedWhileIncidentOpen(bool fired) public {
        _requestAndWait(shares);
        TriggerState s = fired ? TriggerState.TRIGGERED : TriggerState.FROZEN;
        trigger.set(s);
        _expectNoEffect(lp, shares, abi.encodeWithSelector(ErrorsLib.TriggerNotActive.selector, paramId, s));
        if (!fired) {
            trigger.set(TriggerState.ACTIVE);
            vm.prank(lp);
            pool.redeem(shares, lp, lp);
        }
    }

    /// Only the controller or its operator claims a request: a share allowance lets a third party request for
    /// an owner, never claim for a controller.
    function test_redeem_thirdPartyNeedsOperator(address operator) public {
        vm.assume(operator != lp && operator != address(0) && operator != address(pool));
        _requestAndWait(shares);
        _expectNoEffect(operator, shares, abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, operator));
        vm.prank(lp);
        pool.approve(operator, shares);
        _expectNoEffect(operator, shares, abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, operator));

        vm.prank(lp);
        assertTrue(pool.setOperator(operator, true));
        assertTrue(pool.isOperator(lp, operator));
        uint256 expected = pool.maxWithdraw(lp);
        uint256 before = usdc.balanceOf(operator);
        vm.prank(operator);
        uint256 assets = pool.redeem(shares, operator, lp);
        assertEq(assets, expected);
        assertEq(usdc.balanceOf(operator) - before, assets);
        assertEq(_req(pool, lp).shares, 0);
        assertEq(pool.allowance(lp, operator), shares, "claiming spends no allowance");
    }

    /// Expired cover stops locking capital once its release delay (the claim window) has passed: the exit
    /// syncs expirations itself.
    function test_redeem_afterExpiryWithoutSync() public {
        _buy(marketId, 500_000e6, 30 days, _one(poolId));
        uint256 end = block.timestamp + 30 days;
        _requestRedeem(pool, lp, shares);
        // Ended, but a claim may still arrive: the cover still locks capital.
        vm.warp(end + 1 days);
        Req memory r = _req(pool, lp);
        uint256 free = pool.freeCapital();
        assertLt(free, r.assets);
        _expectNoEffect(lp, shares, abi.encodeWithSelector(ErrorsLib.InsufficientFreeCapital.selector, r.assets, free));
        vm.warp(_releaseTime(end, 30 days));
        vm.prank(lp);
        uint256 assets = pool.redeem(shares, lp, lp);
        assertGe(assets, 999_999e6);
        assertEq(pool.totalExposure(), 0);
    }
}
