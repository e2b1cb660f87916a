// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {BaseTest} from "../utils/BaseTest.sol";
import {Pool} from "../../src/Pool.sol";

contract PoolGasGrowthTest is BaseTest {
    function test_deposit_gasAfterIdleDays() public {
        uint256 marketId = _createMarket(address(0));
        (Pool pool, uint32 poolId) = _createPool(marketId, 5_000);
        _deposit(pool, lp, 1_000_000e6);
        _buy(marketId, 100_000e6, 365 days, _one(poolId));
        vm.warp(block.timestamp + 300 days);
        usdc.mint(lp, 1e6);
        vm.startPrank(lp);
        usdc.approve(address(pool), 1e6);
        uint256 g = gasleft();
        pool.deposit(1e6, lp);
        emit log_named_uint("deposit gas after 300 idle days", g - gasleft());
        // The walk over end buckets is persisted: the next LP action pays no walk again.
        usdc.mint(lp, 1e6);
        usdc.approve(address(pool), 1e6);
        vm.warp(block.timestamp + 1 hours);
        g = gasleft();
        pool.deposit(1e6, lp);
        uint256 used = g - gasleft();
        emit log_named_uint("next deposit gas", used);
        assertLt(used, 110_000);
        vm.stopPrank();
    }
}
