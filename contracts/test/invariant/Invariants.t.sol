// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {BaseTest} from "../utils/BaseTest.sol";
import {TestTrigger} from "../utils/TestTrigger.sol";
import {InvariantsSpec} from "./InvariantsSpec.sol";
import {Handler} from "./Handler.t.sol";
import {Pool} from "../../src/Pool.sol";
import {Market} from "../../src/types/Types.sol";

/// @notice Handler-based invariants over three pools backing two markets with overlapping correlation groups
/// (market A: ethereum-l1 + stablecoins, parametric; market B: stablecoins, assessed).
contract InvariantsTest is BaseTest, InvariantsSpec {
    Handler internal handler;
    Pool[] internal pools;
    uint8[] internal groupIds;

    function setUp() public override {
        super.setUp();
        (uint256 marketA,) = _createParametricMarketIn(uint64(1) << groupEth | uint64(1) << groupStables);
        uint256 marketB = _createMarketWith(uint64(1) << groupStables, 1 days);

        uint256[] memory marketIds = new uint256[](2);
        marketIds[0] = marketA;
        marketIds[1] = marketB;
        uint32[] memory ids = new uint32[](3);
        uint16[3] memory weightsA = [uint16(6_000), 8_000, 3_000];
        uint16[3] memory weightsB = [uint16(5_000), 2_000, 9_000];
        uint16[3] memory capsEth = [uint16(7_000), 10_000, 5_000];
        uint16[3] memory capsStables = [uint16(9_000), 6_000, 10_000];
        for (uint256 i; i < 3; ++i) {
            (Pool pool, uint32 id) = _createPool(marketA, weightsA[i]);
            vm.startPrank(curator);
            pool.setMarketConfig(marketB, weightsB[i], _curve(), i == 1);
            pool.setGroupCap(groupEth, capsEth[i]);
            pool.setGroupCap(groupStables, capsStables[i]);
            vm.stopPrank();
            _deposit(pool, lp, 500_000e6);
            pools.push(pool);
            ids[i] = id;
        }
        groupIds.push(groupEth);
        groupIds.push(groupStables);

        handler = new Handler(cover, usdc, curator, buyer, pools, ids, marketIds, groupIds);
        // The seed deposits count as LP deposits of the ghost ledger.
        for (uint256 i; i < 3; ++i) {
            handler.recordSeedDeposit(i, lp, 500_000e6);
        }
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](11);
        selectors[0] = Handler.deposit.selector;
        selectors[1] = Handler.requestRedeem.selector;
        selectors[2] = Handler.redeem.selector;
        selectors[3] = Handler.withdraw.selector;
        selectors[4] = Handler.buyCover.selector;
        selectors[5] = Handler.buyCover.selector;
        selectors[6] = Handler.warp.selector;
        selectors[7] = Handler.setGroupCap.selector;
        selectors[8] = Handler.setWeight.selector;
        selectors[9] = Handler.claimFees.selector;
        selectors[10] = Handler.sync.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    function _createParametricMarketIn(uint64 groups) internal returns (uint256 id, TestTrigger trigger) {
        trigger = new TestTrigger();
        Market memory m = _marketParams(address(trigger));
        m.groups = groups;
        vm.prank(governance);
        id = markets.createMarket(m, "ipfs://terms");
    }

    /// INV-SOLVENCY
    function invariant_INV_SOLVENCY() public view {
        for (uint256 i; i < pools.length; ++i) {
            Pool pool = pools[i];
            uint256 capital = pool.capital();
            for (uint256 g; g < groupIds.length; ++g) {
                (uint256 booked, uint16 capBps) = pool.groupExposure(groupIds[g]);
                assertLe(capBps, 10_000, INV_SOLVENCY);
                assertLe(booked * 10_000, capital * capBps, INV_SOLVENCY);
            }
            (, uint32 leverageBps,,) = pool.poolParams();
            assertLe(pool.totalExposure() * 10_000, capital * leverageBps, INV_SOLVENCY);
            assertLe(pool.worstGroupExposureRatio(), 1e18, INV_SOLVENCY);
        }
    }

    /// INV-CONSERVATION
    function invariant_INV_CONSERVATION() public view {
        for (uint256 i; i < pools.length; ++i) {
            Pool pool = pools[i];
            (uint256 curatorFees, uint256 protocolFees) = pool.feesOwed();
            assertEq(
                usdc.balanceOf(address(pool)),
                pool.totalAssets() + pool.unearnedPremium() + curatorFees + protocolFees,
                INV_CONSERVATION
            );
        }
    }

    /// INV-UNEARNED
    function invariant_INV_UNEARNED() public view {
        for (uint256 i; i < pools.length; ++i) {
            Pool pool = pools[i];
            uint256 deposited = handler.ghostDeposited(i);
            uint256 received = handler.ghostReceived(i);
            uint256 lpPremium = handler.ghostLpPremium(i);
            uint256 unearned = pool.unearnedPremium();
            assertLe(unearned, lpPremium, INV_UNEARNED);
            uint256 earned = lpPremium - unearned;
            assertLe(received, deposited + earned, INV_UNEARNED);
            // Exact ledger: capital = deposits - withdrawals + earned LP premium.
            assertEq(pool.totalAssets() + received, deposited + earned, INV_UNEARNED);
            for (uint256 k; k < handler.lpCount(); ++k) {
                address who = handler.lps(k);
                assertLe(handler.ghostReceivedBy(i, who), handler.ghostDepositedBy(i, who) + earned, INV_UNEARNED);
            }
        }
    }

    /// INV-LOCK
    function invariant_INV_LOCK() public view {
        assertEq(handler.ghostLockViolations(), 0, INV_LOCK);
        for (uint256 i; i < pools.length; ++i) {
            // Locked capital never exceeds capital while no losses exist (withdrawals and cap changes check it).
            assertGe(pools[i].capital(), pools[i].lockedCapital(), INV_LOCK);
        }
    }

    /// INV-SHARES
    function invariant_INV_SHARES() public view {
        assertEq(handler.ghostPriceDecreases(), 0, INV_SHARES);
    }
}
