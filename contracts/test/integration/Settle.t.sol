// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {BaseTest} from "../utils/BaseTest.sol";
import {ManualTrigger} from "../utils/ManualTrigger.sol";
import {Pool} from "../../src/Pool.sol";
import {Incident} from "../../src/interfaces/ISettlement.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {TriggerState} from "../../src/interfaces/ITrigger.sol";
import {MarketStatus} from "../../src/types/Types.sol";

contract SettleTest is BaseTest {
    ManualTrigger internal trigger;
    uint256 internal marketId;
    Pool internal pool;
    uint32 internal poolId;

    function setUp() public override {
        super.setUp();
        trigger = new ManualTrigger();
        marketId = _createMarket(address(trigger));
        (pool, poolId) = _createPool(marketId, 5_000);
        _deposit(pool, lp, 1_000_000e6);
    }

    function test_settle_paysEligiblePolicies() public {
        (uint256 early,) = _buy(marketId, 100_000e6, 30 days, _one(poolId));
        vm.warp(block.timestamp + 10 days);
        uint256 incidentTime = block.timestamp;
        vm.warp(block.timestamp + 1 days);
        (uint256 late,) = _buy(marketId, 50_000e6, 30 days, _one(poolId));
        vm.warp(block.timestamp + 2 days);
        trigger.fire(incidentTime, 1e18);

        Incident memory inc = settlement.settle(marketId);
        assertEq(inc.required, 90_000e6, "required = eligible x (1 - 10% deductible)");
        assertEq(inc.funded, inc.required, "fully funded");
        assertEq(uint8(markets.marketStatus(marketId)), uint8(MarketStatus.TRIGGERED));
        assertEq(pool.exposure(marketId), 0, "exposure closed");

        uint256 before = usdc.balanceOf(buyer);
        settlement.claim(early);
        assertEq(usdc.balanceOf(buyer) - before, 90_000e6);

        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.AlreadyPaid.selector, early));
        settlement.claim(early);
        vm.expectRevert();
        settlement.claim(late);
    }

    function test_settle_revertsBeforeTrigger() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TriggerNotFired.selector, marketId, TriggerState.ACTIVE));
        settlement.settle(marketId);
    }

    function test_settle_gasDoesNotGrowWithPolicies() public {
        for (uint256 i; i < 200; ++i) {
            _buy(marketId, 1_000e6, 30 days, _one(poolId));
        }
        vm.warp(block.timestamp + 1 days);
        trigger.fire(block.timestamp - 1, 1e18);
        uint256 g = gasleft();
        settlement.settle(marketId);
        g -= gasleft();
        emit log_named_uint("settle gas, 200 policies", g);
        assertLt(g, 200_000);
    }
}
