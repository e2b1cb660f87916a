// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ClaimsBase} from "../utils/ClaimsBase.sol";
import {MockTrigger} from "../../src/mocks/MockTrigger.sol";
import {Pool} from "../../src/Pool.sol";
import {Incident} from "../../src/interfaces/ISettlement.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {TriggerState} from "../../src/interfaces/ITrigger.sol";
import {Market, MarketStatus, PayoutMode, UnderwriteParams} from "../../src/types/Types.sol";
import {Policy} from "../../src/interfaces/ICoverManager.sol";

contract SettleTest is ClaimsBase {
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

    /// @dev Settle gas for `n` policies bought together on a fresh market and pool, all live at the incident.
    function _settleGasSameDay(uint256 n) internal returns (uint256 g) {
        MockTrigger t = new MockTrigger();
        uint256 mId = _createMarket(address(t));
        (Pool p, uint32 pId) = _createPool(mId, 5_000);
        _deposit(p, lp, 1_000_000e6);
        usdc.mint(buyer, n * 1_000e6);
        vm.startPrank(buyer);
        usdc.approve(address(cover), type(uint256).max);
        for (uint256 i; i < n; ++i) {
            cover.buyCover(_buyParams(mId, 1_000e6, 30 days, _one(pId)));
        }
        vm.stopPrank();
        vm.warp(block.timestamp + 1 days);
        t.fire(block.timestamp - 1, 1e18);
        g = gasleft();
        Incident memory inc = settlement.settle(mId);
        g -= gasleft();
        assertEq(inc.funded, n * 900e6, "every policy reserved for");
    }

    function test_settle_gasDoesNotGrowWithPolicies() public {
        _settleGasSameDay(1); // warms the modules shared by every settlement
        uint256 one = _settleGasSameDay(1);
        uint256 many = _settleGasSameDay(200);
        emit log_named_uint("settle gas, 1 policy", one);
        emit log_named_uint("settle gas, 200 policies", many);
        assertApproxEqAbs(many, one, 1_000, "settle gas does not depend on the number of policies");
        assertLt(many, 200_000);
    }

    function test_settle_revertsWrongClaimMode() public {
        uint256 assessed = _createMarket(address(0));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.WrongClaimMode.selector, assessed));
        settlement.settle(assessed);
    }

    function test_settle_revertsUnknownMarket(uint256 id) public {
        id = bound(id, markets.marketCount() + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, id));
        settlement.settle(id);
    }

    function test_settle_revertsWhileFrozen() public {
        trigger.setFrozen(true);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TriggerNotFired.selector, marketId, TriggerState.FROZEN));
        settlement.settle(marketId);
    }

    function test_settle_revertsAlreadySettled(uint256 later) public {
        _buy(marketId, 10_000e6, 30 days, _one(poolId));
        vm.warp(block.timestamp + 1 days);
        trigger.fire(block.timestamp - 1, 1e18);
        settlement.settle(marketId);
        later = bound(later, 0, 400 days);
        vm.warp(block.timestamp + later);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.AlreadySettled.selector, marketId));
        settlement.settle(marketId);
    }

    function test_settle_reservesEveryEligiblePolicy(uint256 a, uint256 b, uint256 c, uint256 incidentDelay) public {
        a = bound(a, 1e6, 100_000e6);
        b = bound(b, 1e6, 100_000e6);
        c = bound(c, 1e6, 100_000e6);
        (uint256 short,) = _buy(marketId, a, 7 days, _one(poolId));
        (uint256 long,) = _buy(marketId, b, 60 days, _one(poolId));
        incidentDelay = bound(incidentDelay, 8 days, 59 days);
        uint256 incidentTime = block.timestamp + incidentDelay;
        vm.warp(incidentTime + 1);
        (uint256 late,) = _buy(marketId, c, 30 days, _one(poolId));
        vm.warp(block.timestamp + 2 days);
        trigger.fire(incidentTime, 1e18);
        Incident memory inc = settlement.settle(marketId);

        // Only `long` was active at the incident; the short one ended before it, the late one started after.
        assertGe(inc.required, b * 9 / 10, "covers the eligible policy");
        assertEq(settlement.payoutOf(short), 0);
        assertEq(settlement.payoutOf(late), 0);
        assertEq(settlement.payoutOf(long), b * 9 / 10);
        assertEq(settlement.claim(long), b * 9 / 10);
        assertEq(inc.time, incidentTime);
        assertEq(inc.payoutPerUnitWad, 0.9e18);
        assertEq(inc.settledAt, block.timestamp);
        assertEq(pool.totalExposure(), 0, "exposure released from leverage");
        (uint256 groupBooked,) = pool.groupExposure(groupEth);
        assertEq(groupBooked, 0, "and from the group");
    }

    function test_settle_proportionalPayoutPerUnit(uint256 ratio) public {
        ratio = bound(ratio, 0, 1e18);
        MockTrigger t = new MockTrigger();
        uint256 mId = _parametric(t, PayoutMode.PROPORTIONAL, 2_000);
        _back(pool, mId, 5_000);
        _buy(mId, 100_000e6, 30 days, _one(poolId));
        vm.warp(block.timestamp + 1 days);
        t.fire(block.timestamp - 1, ratio);
        Incident memory inc = settlement.settle(mId);
        assertEq(inc.payoutPerUnitWad, ratio * 8_000 / 10_000);
        assertEq(inc.required, (uint256(100_000e6) * inc.payoutPerUnitWad + 1e18 - 1) / 1e18);
        assertEq(settlement.reserveOf(mId), inc.funded);
    }

    function test_settle_refusesNewCoverOnceFired() public {
        vm.warp(block.timestamp + 1 days);
        trigger.fire(block.timestamp - 1, 1e18);
        usdc.mint(buyer, 1_000e6);
        vm.startPrank(buyer);
        usdc.approve(address(cover), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.TriggerNotActive.selector, marketId, TriggerState.TRIGGERED)
        );
        cover.buyCover(_buyParams(marketId, 1_000e6, 30 days, _one(poolId)));
        vm.stopPrank();
        settlement.settle(marketId);
        vm.prank(buyer);
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.MarketNotActive.selector, marketId, MarketStatus.TRIGGERED)
        );
        cover.buyCover(_buyParams(marketId, 1_000e6, 30 days, _one(poolId)));
    }

    function test_settle_poolHooksRevertForStrangers(address caller) public {
        vm.assume(caller != address(settlement) && caller != address(claims) && caller != address(cover));
        vm.startPrank(caller);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, caller));
        pool.settle(marketId, block.timestamp, 1e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, caller));
        pool.holdForClaim(1e6, true);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, caller));
        pool.payClaim(caller, 1e6, 0);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, caller));
        pool.underwrite(
            UnderwriteParams({
                marketId: marketId,
                maxAmount: 1e6,
                start: block.timestamp,
                end: block.timestamp + 30 days,
                oracleBaseRateBps: 0,
                protocolFeeBps: 0
            })
        );
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, caller));
        markets.markTriggered(marketId);
        vm.stopPrank();
    }

    function test_settle_poolHooksRejectOtherModules() public {
        vm.prank(address(claims));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, address(claims)));
        pool.settle(marketId, block.timestamp, 1e18);
        vm.prank(address(settlement));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, address(settlement)));
        pool.holdForClaim(1e6, true);
        vm.prank(address(settlement));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, address(settlement)));
        pool.payClaim(buyer, 1e6, 0);
    }

    /* LP WITHDRAWALS AROUND AN INCIDENT */

    function _lpReadyToRedeem() internal returns (uint256 shares) {
        _buy(marketId, 100_000e6, 60 days, _one(poolId));
        shares = _requestAll(pool, lp);
        vm.warp(block.timestamp + 7 days);
    }

    function test_redeem_revertsWhileTriggerFrozen(uint256 shares) public {
        uint256 all = _lpReadyToRedeem();
        shares = bound(shares, 1, all);
        trigger.setFrozen(true);
        vm.prank(lp);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TriggerNotActive.selector, marketId, TriggerState.FROZEN));
        pool.redeem(shares, lp, lp);
        vm.prank(lp);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TriggerNotActive.selector, marketId, TriggerState.FROZEN));
        pool.withdraw(1e6, lp, lp);
        // The candidate is cancelled: withdrawals resume.
        trigger.setFrozen(false);
        vm.prank(lp);
        pool.redeem(shares / 2 + 1, lp, lp);
    }

    function test_redeem_revertsWhileTriggeredUnsettled(uint256 shares) public {
        uint256 all = _lpReadyToRedeem();
        shares = bound(shares, 1, all);
        trigger.fire(block.timestamp - 1 days, 1e18);
        vm.prank(lp);
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.TriggerNotActive.selector, marketId, TriggerState.TRIGGERED)
        );
        pool.redeem(shares, lp, lp);
    }

    function test_redeem_allowedAfterSettlement() public {
        uint256 all = _lpReadyToRedeem();
        trigger.fire(block.timestamp - 1 days, 1e18);
        Incident memory inc = settlement.settle(marketId);
        assertEq(inc.funded, 90_000e6);
        assertEq(pool.lockedCapital(), 0, "settled exposure locks nothing");
        uint256 expected = pool.maxWithdraw(lp);
        vm.prank(lp);
        uint256 assets = pool.redeem(all, lp, lp);
        assertEq(assets, expected);
        assertLt(assets, 1_000_000e6, "the LP bore the loss");
        assertGt(assets, 900_000e6);
    }

    /* GAS: O(pools), never O(policies) */

    /// @dev Settle gas for `n` policies bought over 100 days. The policies fall in ten batches (purchase day,
    /// period) that are the same for every `n`: a test runs in one transaction, so the day buckets purchases
    /// wrote are warm at settlement, and only with the same buckets do the runs differ in policy count alone.
    function _settleGas(uint256 n) internal returns (uint256 g) {
        MockTrigger t = new MockTrigger();
        uint256 mId = _createMarket(address(t));
        (Pool p, uint32 pId) = _createPool(mId, 10_000);
        _deposit(p, lp, 100_000_000e6);
        uint256 t0 = block.timestamp;
        usdc.mint(buyer, n * 1_000e6);
        vm.startPrank(buyer);
        usdc.approve(address(cover), type(uint256).max);
        for (uint256 i; i < n; ++i) {
            // The last purchase is on day 100 in every run: settle's walk is over days since, not policies.
            uint256 k = i * 10 / n;
            vm.warp(t0 + (k + 1) * 10 days);
            cover.buyCover(_buyParams(mId, 1_000e6, 30 days + k * 30 days, _one(pId)));
        }
        vm.stopPrank();
        vm.warp(t0 + 101 days);
        t.fire(block.timestamp - 1 hours, 1e18);
        g = gasleft();
        settlement.settle(mId);
        g -= gasleft();
    }

    function test_settle_gasFlatFromTenToTwoThousandPolicies() public {
        _settleGas(10); // warms the modules shared by every settlement (and the reserve's balance)
        uint256 few = _settleGas(10);
        uint256 many = _settleGas(2_000);
        emit log_named_uint("settle gas, 10 policies over 100 days", few);
        emit log_named_uint("settle gas, 2000 policies over 100 days", many);
        uint256 diff = few > many ? few - many : many - few;
        assertLe(diff, 5_000, "settle gas does not depend on the number of policies");
    }
}
