// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ClaimsBase} from "../utils/ClaimsBase.sol";
import {MockTrigger} from "../../src/mocks/MockTrigger.sol";
import {Pool} from "../../src/Pool.sol";
import {Incident} from "../../src/interfaces/ISettlement.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../src/libraries/EventsLib.sol";
import {PayoutMode} from "../../src/types/Types.sol";

contract SweepTest is ClaimsBase {
    MockTrigger internal trigger;
    uint256 internal marketId;
    Pool internal pool;
    uint32 internal poolId;

    function setUp() public override {
        super.setUp();
        trigger = new MockTrigger();
        marketId = _createMarket(address(trigger));
        (pool, poolId) = _createPool(marketId, 5_000);
        _deposit(pool, lp, 1_000_000e6);
    }

    function _fireAndSettle() internal returns (Incident memory) {
        vm.warp(block.timestamp + 1 days);
        trigger.fire(block.timestamp - 1 hours, 1e18);
        return settlement.settle(marketId);
    }

    function test_sweep_returnsUnclaimedReserveToPool(uint256 a, uint256 b, uint256 late) public {
        a = bound(a, 1e6, 200_000e6);
        b = bound(b, 1e6, 200_000e6);
        (uint256 claimed,) = _buy(marketId, a, 60 days, _one(poolId));
        _buyFor(alice, marketId, b, 60 days, _one(poolId)); // never claimed
        Incident memory inc = _fireAndSettle();
        // The reserve is the pool's receivable: paying a claim is what lowers totalAssets.
        assertEq(pool.reserveReceivable(), inc.funded);
        uint256 assetsBeforeClaim = pool.totalAssets();
        uint256 paid = settlement.claim(claimed);
        assertEq(assetsBeforeClaim - pool.totalAssets(), paid, "the claim is paid from the pool's receivable");

        late = bound(late, 1, 300 days);
        vm.warp(uint256(inc.settledAt) + 30 days + late);
        uint256 unclaimed = settlement.reserveOf(marketId);
        assertEq(unclaimed, inc.funded - paid);
        assertEq(pool.reserveReceivable(), unclaimed);
        uint256 supply = pool.totalSupply();
        uint256 price = pool.convertToAssets(supply);
        uint256 assets = pool.totalAssets();
        uint256 capital = pool.capital();

        vm.expectEmit(address(settlement));
        emit EventsLib.ReserveReturned(marketId, poolId, unclaimed);
        vm.prank(stranger);
        settlement.sweep(marketId);

        assertEq(pool.capital(), capital + unclaimed, "reserve returned to capital");
        assertEq(pool.reserveReceivable(), 0);
        assertEq(pool.totalAssets(), assets, "the receivable turns into cash: totalAssets does not jump");
        assertEq(pool.convertToAssets(supply), price, "nor does the share price");
        assertEq(settlement.reserveOf(marketId), 0);
        assertEq(usdc.balanceOf(address(settlement)), 0);
        assertTrue(settlement.incident(marketId).swept);
    }

    function test_sweep_revertsNotSettled() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NotSettled.selector, marketId));
        settlement.sweep(marketId);
    }

    function test_sweep_revertsClaimWindowOpen(uint256 elapsed) public {
        _buy(marketId, 10_000e6, 60 days, _one(poolId));
        Incident memory inc = _fireAndSettle();
        uint256 closesAt = uint256(inc.settledAt) + 30 days;
        elapsed = bound(elapsed, 0, 30 days);
        vm.warp(uint256(inc.settledAt) + elapsed);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ClaimWindowOpen.selector, closesAt));
        settlement.sweep(marketId);
    }

    function test_sweep_revertsWhenAlreadySwept() public {
        _buy(marketId, 10_000e6, 60 days, _one(poolId));
        Incident memory inc = _fireAndSettle();
        vm.warp(uint256(inc.settledAt) + 31 days);
        settlement.sweep(marketId);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.AlreadySwept.selector, marketId));
        settlement.sweep(marketId);
    }

    function test_sweep_closesClaims() public {
        (uint256 policyId,) = _buy(marketId, 10_000e6, 60 days, _one(poolId));
        Incident memory inc = _fireAndSettle();
        vm.warp(uint256(inc.settledAt) + 31 days);
        settlement.sweep(marketId);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ClaimWindowClosed.selector, uint256(inc.settledAt) + 30 days));
        settlement.claim(policyId);
    }

    function test_sweep_splitsByFundedShare(uint256 amount) public {
        (Pool small, uint32 smallId) = _createPool(marketId, 5_000);
        _deposit(small, lp, 100_000e6);
        amount = bound(amount, 50_000e6 + 1e6, 400_000e6);
        _buy(marketId, amount, 60 days, _two(smallId, poolId));
        Incident memory inc = _fireAndSettle();
        vm.warp(uint256(inc.settledAt) + 31 days);
        uint256 capBig = pool.capital();
        uint256 capSmall = small.capital();
        uint256 assetsBig = pool.totalAssets();
        uint256 assetsSmall = small.totalAssets();
        assertEq(small.reserveReceivable(), 45_000e6);
        assertEq(pool.reserveReceivable(), inc.funded - 45_000e6);
        settlement.sweep(marketId);
        uint256 toSmall = small.capital() - capSmall;
        uint256 toBig = pool.capital() - capBig;
        assertEq(toSmall + toBig, inc.funded, "everything unclaimed goes back");
        assertEq(toSmall, 45_000e6, "the small pool gets what it funded");
        assertEq(small.totalAssets(), assetsSmall, "returned money was already counted as a receivable");
        assertEq(pool.totalAssets(), assetsBig);
        assertEq(small.reserveReceivable() + pool.reserveReceivable(), 0);
    }

    function test_sweep_zeroReserveMultiPool() public {
        // A PROPORTIONAL market whose trigger reports a zero ratio reserves nothing; sweeping it must not revert.
        MockTrigger t = new MockTrigger();
        uint256 mId = _parametric(t, PayoutMode.PROPORTIONAL, 1_000);
        (Pool other, uint32 otherId) = _createPool(mId, 5_000);
        _deposit(other, lp, 100_000e6);
        _back(pool, mId, 5_000);
        _buy(mId, 100_000e6, 60 days, _two(otherId, poolId));
        vm.warp(block.timestamp + 1 days);
        t.fire(block.timestamp - 1 hours, 0);
        Incident memory inc = settlement.settle(mId);
        assertEq(inc.funded, 0);
        vm.warp(uint256(inc.settledAt) + 31 days);
        settlement.sweep(mId);
        assertTrue(settlement.incident(mId).swept);
    }

    function test_sweep_noEligiblePolicyMultiPool() public {
        // Two pools back the market but no cover was active at the incident.
        (Pool other,) = _createPool(marketId, 5_000);
        _deposit(other, lp, 100_000e6);
        Incident memory inc = _fireAndSettle();
        assertEq(inc.required, 0);
        vm.warp(uint256(inc.settledAt) + 31 days);
        settlement.sweep(marketId);
        assertEq(settlement.reserveOf(marketId), 0);
    }
}
