// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {BaseTest} from "../utils/BaseTest.sol";
import {Pool} from "../../src/Pool.sol";

contract SmokeTest is BaseTest {
    function test_flow_depositBuyEarnWithdraw() public {
        uint256 marketId = _createMarket(address(0));
        (Pool pool, uint32 poolId) = _createPool(marketId, 5_000);
        _deposit(pool, lp, 1_000_000e6);
        (uint256 policyId, uint256 premium) = _buy(marketId, 100_000e6, 365 days, _one(poolId));
        assertEq(policyId, 1);
        assertGt(premium, 0);
        emit log_named_uint("premium", premium);
        emit log_named_uint("exposure", pool.exposure(marketId));
        assertEq(pool.exposure(marketId), 100_000e6);
        uint256 capital0 = pool.totalAssets();
        uint256 end = block.timestamp + 365 days;
        vm.warp(block.timestamp + 180 days);
        assertGt(pool.totalAssets(), capital0);
        // Ended cover stays booked through the claim window, then is released.
        vm.warp(end + 1 days);
        assertEq(pool.exposure(marketId), 100_000e6);
        vm.warp(_releaseTime(end, 30 days));
        assertEq(pool.exposure(marketId), 0);
        uint256 shares = pool.balanceOf(lp);
        vm.prank(lp);
        pool.requestRedeem(shares, lp, lp);
        vm.warp(block.timestamp + 7 days);
        vm.prank(lp);
        uint256 assets = pool.redeem(shares, lp, lp);
        emit log_named_uint("assets out", assets);
        assertGt(assets, 1_000_000e6);
        assertEq(markets.tvc(marketId), 0);
    }
}
