// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {BaseTest} from "./BaseTest.sol";
import {TestTrigger} from "./TestTrigger.sol";
import {Pool} from "../../src/Pool.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Market, PayoutMode} from "../../src/types/Types.sol";
import {TriggerState} from "../../src/interfaces/ITrigger.sol";
import {YieldVault} from "./PeripheryMocks.sol";

/// @notice The protocol plus one parametric market (deductible 0, binary) backed by two funded pools, and a yield
/// vault over the cover asset.
abstract contract PeripheryBase is BaseTest {
    uint256 internal marketId;
    TestTrigger internal trigger;
    Pool internal pool;
    uint32 internal poolId;
    Pool internal pool2;
    uint32 internal poolId2;
    YieldVault internal yv;

    function setUp() public virtual override {
        super.setUp();
        trigger = new TestTrigger();
        marketId = _parametricMarket(trigger, 0);
        (pool, poolId) = _createPool(marketId, 5_000);
        (pool2, poolId2) = _createPool(marketId, 5_000);
        _deposit(pool, lp, 10_000_000e6);
        _deposit(pool2, lp, 10_000_000e6);
        yv = new YieldVault(IERC20(address(usdc)));
    }

    function _parametricMarket(TestTrigger t, uint32 maturationDelay) internal returns (uint256 id) {
        Market memory m = _marketParams(address(t));
        m.deductibleBps = 0;
        m.payoutMode = PayoutMode.BINARY;
        m.maturationDelay = maturationDelay;
        vm.prank(governance);
        id = markets.createMarket(m, "ipfs://terms");
    }

    /// @dev Fires the trigger with the incident now and settles the market.
    function _fireAndSettle(TestTrigger t, uint256 id) internal {
        t.set(TriggerState.TRIGGERED);
        settlement.settle(id);
    }

    function _pools() internal view returns (uint32[] memory) {
        return _two(poolId, poolId2);
    }
}
