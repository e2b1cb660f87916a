// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ClaimsBase} from "../utils/ClaimsBase.sol";
import {InvariantsSpec} from "./InvariantsSpec.sol";
import {CoreHandler} from "./CoreHandler.t.sol";
import {Pool} from "../../src/Pool.sol";
import {MockTrigger} from "../../src/mocks/MockTrigger.sol";
import {Market, PayoutMode} from "../../src/types/Types.sol";

/// @notice Handler-based invariants over two pools backing three markets: A parametric (ethereum-l1 +
/// stablecoins), B assessed (stablecoins, with assessors), C parametric (ethereum-l1), with triggers that freeze,
/// cancel and fire while sales, exits, holds and settlements interleave.
contract CoreInvariantsTest is ClaimsBase, InvariantsSpec {
    CoreHandler internal handler;
    Pool[] internal pools;
    uint256[] internal marketIds;

    function setUp() public override {
        super.setUp();
        MockTrigger[] memory triggers = new MockTrigger[](2);
        triggers[0] = new MockTrigger();
        triggers[1] = new MockTrigger();
        Market memory a = _marketParams(address(triggers[0]));
        a.groups = uint64(1) << groupEth | uint64(1) << groupStables;
        a.payoutMode = PayoutMode.PROPORTIONAL;
        marketIds.push(_marketWith(a));
        marketIds.push(_createMarketWith(uint64(1) << groupStables, 0));
        Market memory c = _marketParams(address(triggers[1]));
        marketIds.push(_marketWith(c));

        uint32[] memory ids = new uint32[](2);
        uint16[2] memory capsEth = [uint16(8_000), 10_000];
        for (uint256 i; i < 2; ++i) {
            (Pool pool, uint32 id) = _createPool(marketIds[0], 6_000);
            vm.startPrank(curator);
            pool.setMarketConfig(marketIds[1], 7_000, _curve(), i == 1);
            pool.setMarketConfig(marketIds[2], 5_000, _curve(), false);
            pool.setGroupCap(groupEth, capsEth[i]);
            vm.stopPrank();
            _deposit(pool, lp, 1_000_000e6);
            pools.push(pool);
            ids[i] = id;
        }
        uint8[] memory groups = new uint8[](2);
        groups[0] = groupEth;
        groups[1] = groupStables;
        address[] memory assessors = new address[](3);
        assessors[0] = makeAddr("assessor-a");
        assessors[1] = makeAddr("assessor-b");
        assessors[2] = makeAddr("assessor-c");

        handler = new CoreHandler(
            CoreHandler.Deps(cover, settlement, claims, lens, usdc, curator),
            pools,
            ids,
            marketIds,
            triggers,
            groups,
            assessors
        );
        handler.recordSeed(0, 1_000_000e6);
        handler.recordSeed(1, 1_000_000e6);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](19);
        selectors[0] = CoreHandler.deposit.selector;
        selectors[1] = CoreHandler.requestRedeem.selector;
        selectors[2] = CoreHandler.redeem.selector;
        selectors[3] = CoreHandler.buyCover.selector;
        selectors[4] = CoreHandler.buyCover.selector;
        selectors[5] = CoreHandler.buyCover.selector;
        selectors[6] = CoreHandler.freeze.selector;
        selectors[7] = CoreHandler.cancel.selector;
        selectors[8] = CoreHandler.fire.selector;
        selectors[9] = CoreHandler.settle.selector;
        selectors[10] = CoreHandler.claimPolicy.selector;
        selectors[11] = CoreHandler.sweep.selector;
        selectors[12] = CoreHandler.topUp.selector;
        selectors[13] = CoreHandler.submitClaim.selector;
        selectors[14] = CoreHandler.progressClaim.selector;
        selectors[15] = CoreHandler.claimFees.selector;
        selectors[16] = CoreHandler.warp.selector;
        selectors[17] = CoreHandler.sync.selector;
        selectors[18] = CoreHandler.progressClaim.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// INV-SOLVENCY
    function invariant_INV_SOLVENCY() public view {
        assertEq(handler.ghostSaleViolations(), 0, INV_SOLVENCY);
        assertEq(handler.ghostFirstLossHaircuts(), 0, INV_SOLVENCY);
        assertEq(handler.ghostFirstLossUnpaid(), 0, INV_SOLVENCY);
        for (uint256 i; i < pools.length; ++i) {
            for (uint256 g; g < 2; ++g) {
                (, uint16 capBps) = pools[i].groupExposure(g == 0 ? groupEth : groupStables);
                assertLe(capBps, 10_000, INV_SOLVENCY);
            }
        }
    }

    /// INV-CONSERVATION
    function invariant_INV_CONSERVATION() public view {
        for (uint256 i; i < pools.length; ++i) {
            Pool pool = pools[i];
            uint256 balance = usdc.balanceOf(address(pool));
            assertEq(balance, handler.ghostIn(i) - handler.ghostOut(i), INV_CONSERVATION);
            (uint256 curatorFees, uint256 protocolFees) = pool.feesOwed();
            assertEq(balance, pool.capital() + lens.unearnedPremium(address(pool)) + curatorFees + protocolFees, INV_CONSERVATION);
        }
    }

    /// INV-UNEARNED
    function invariant_INV_UNEARNED() public view {
        for (uint256 i; i < pools.length; ++i) {
            assertLe(lens.unearnedPremium(address(pools[i])), handler.ghostLpPremium(i), INV_UNEARNED);
        }
    }

    /// INV-LOCK
    function invariant_INV_LOCK() public view {
        assertEq(handler.ghostLockViolations(), 0, INV_LOCK);
    }

    /// INV-SHARES
    function invariant_INV_SHARES() public view {
        assertEq(handler.ghostPriceDecreases(), 0, INV_SHARES);
    }

    /// INV-PAYOUT
    function invariant_INV_PAYOUT() public view {
        assertEq(handler.ghostOverpaid(), 0, INV_PAYOUT);
    }

    /// INV-RESERVE
    function invariant_INV_RESERVE() public view {
        uint256 owed = settlement.reserveOf(marketIds[0]) + settlement.reserveOf(marketIds[2]);
        assertGe(usdc.balanceOf(address(settlement)), owed, INV_RESERVE);
    }

    /// A campaign whose every call reverted would prove nothing.
    function afterInvariant() public view {
        assertGt(handler.successes(), 0, "no handler call succeeded");
    }
}
