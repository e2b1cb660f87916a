// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ClaimsBase} from "../utils/ClaimsBase.sol";
import {LazyTrigger} from "../utils/LazyTrigger.sol";
import {MockTrigger} from "../../src/mocks/MockTrigger.sol";
import {Pool} from "../../src/Pool.sol";
import {Incident} from "../../src/interfaces/ISettlement.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {TriggerState} from "../../src/interfaces/ITrigger.sol";
import {MarketStatus, PayoutMode, RateCurve} from "../../src/types/Types.sol";

/// @notice Replays each attack of the first core review and shows it now fails.
contract CoreReviewTest is ClaimsBase {
    MockTrigger internal trigger;
    uint256 internal depeg;
    Pool internal pool;
    uint32 internal poolId;
    address internal attacker = makeAddr("attacker");
    address internal lp2 = makeAddr("lp2");

    function setUp() public override {
        super.setUp();
        trigger = new MockTrigger();
        depeg = _parametric(trigger, PayoutMode.BINARY, 1_000);
        (pool, poolId) = _createPool(depeg, 10_000);
        _deposit(pool, lp, 1_000_000e6);
    }

    /* 1. Sweep theft */

    /// A deposit between settle and sweep bought the returning reserve at the post-loss price and redeemed most
    /// of it (100k in, 448.9k out). The reserve is now the pool's receivable: the deposit pays for it.
    function test_sweepTheft_depositBetweenSettleAndSweepGainsNothing() public {
        uint256 lpShares = pool.balanceOf(lp);
        _buyFor(alice, depeg, 500_000e6, 60 days, _one(poolId));
        vm.warp(block.timestamp + 1 days);
        trigger.fire(block.timestamp - 1 hours, 1e18);
        Incident memory inc = settlement.settle(depeg);
        assertEq(inc.funded, 450_000e6);
        assertEq(pool.reserveReceivable(), 450_000e6, "the reserve still belongs to the pool's shares");
        uint256 lpFair = pool.convertToAssets(lpShares);

        uint256 attackerShares = _deposit(pool, attacker, 100_000e6);
        vm.warp(block.timestamp + 31 days); // nobody claims: the whole reserve returns
        settlement.sweep(depeg);
        assertEq(pool.reserveReceivable(), 0);

        vm.prank(attacker);
        pool.requestRedeem(attackerShares, attacker, attacker);
        vm.warp(block.timestamp + 7 days);
        vm.prank(attacker);
        uint256 out = pool.redeem(attackerShares, attacker, attacker);
        // At most its share of the premium earned while it was in (well under 0.5%).
        assertLe(out, 100_500e6, "the late depositor takes none of the returned reserve");
        assertGe(pool.convertToAssets(lpShares), lpFair, "the LP keeps its fair value");
    }

    /* 2. Ancient incidents */

    /// An incident dated at time 1 made settle walk every day since 1970 (98M gas): the market could never
    /// settle and exits froze forever. Settlement's cost no longer depends on the incident's age.
    function test_ancientIncident_settlesAtBoundedCostAndExitsReopen() public {
        uint256 policyId = _buyFor(alice, depeg, 100_000e6, 30 days, _one(poolId));
        vm.warp(block.timestamp + 10 days);
        trigger.fire(1, 1e18);
        uint256 before = gasleft();
        settlement.settle(depeg);
        assertLt(before - gasleft(), 400_000, "settle cost is bounded");
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.StartedAfterIncident.selector, policyId, cover.policy(policyId).start, 1)
        );
        settlement.claim(policyId);
        uint256 shares = _requestAll(pool, lp);
        vm.warp(block.timestamp + 7 days);
        vm.prank(lp);
        assertGt(pool.redeem(shares / 2, lp, lp), 0, "exits reopen once the market is settled");
    }

    /// A market whose pools do not fit in one transaction settles pool by pool; claims open after the last.
    function test_settlePools_settlesPoolByPool() public {
        (Pool p2, uint32 id2) = _createPool(depeg, 10_000);
        (Pool p3, uint32 id3) = _createPool(depeg, 10_000);
        _deposit(p2, lp, 1_000_000e6);
        _deposit(p3, lp, 1_000_000e6);
        uint256 policyId = _buyFor(alice, depeg, 2_500_000e6, 30 days, _three(poolId, id2, id3));
        vm.warp(block.timestamp + 1 days);
        trigger.fire(block.timestamp - 1 hours, 1e18);

        Incident memory inc = settlement.settlePools(depeg, 1);
        assertEq(inc.poolsSettled, 1);
        assertEq(inc.settledAt, 0);
        assertEq(uint8(markets.marketStatus(depeg)), uint8(MarketStatus.TRIGGERED), "no sales while settling");
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NotSettled.selector, depeg));
        settlement.claim(policyId);

        settlement.settlePools(depeg, 1);
        inc = settlement.settlePools(depeg, 10);
        assertEq(inc.poolsSettled, 3);
        assertEq(inc.settledAt, block.timestamp);
        assertEq(inc.required, 2_250_000e6);
        assertEq(inc.funded, inc.required);
        assertEq(settlement.claim(policyId), 2_250_000e6);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.AlreadySettled.selector, depeg));
        settlement.settlePools(depeg, 1);
    }

    /* 4. Trigger state read but not refreshed */

    /// De-peg rounds land; before anyone pokes, a buyer bought cover that paid and an LP exited whole. Both
    /// paths now poke the trigger first.
    function test_staleTrigger_buyCoverAndExitRefreshItFirst() public {
        LazyTrigger lazy = new LazyTrigger();
        uint256 m = _createMarket(address(lazy));
        (Pool p, uint32 id) = _createPool(m, 5_000);
        uint256 shares = _deposit(p, lp2, 1_000_000e6);
        vm.prank(lp2);
        p.requestRedeem(shares, lp2, lp2);
        vm.warp(block.timestamp + 7 days);

        lazy.land();
        assertEq(uint8(lazy.state()), uint8(TriggerState.ACTIVE), "stale until poked");
        assertEq(p.maxRedeem(lp2), shares, "views cannot poke");

        _fund(buyer, 10_000e6);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TriggerNotActive.selector, m, TriggerState.FROZEN));
        vm.prank(buyer);
        cover.buyCover(_buyParams(m, 10_000e6, 30 days, _one(id)));

        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TriggerNotActive.selector, m, TriggerState.FROZEN));
        vm.prank(lp2);
        p.redeem(shares, lp2, lp2);
    }

    /// Cover starting at the incident's own second does not pay: a policy must start strictly before it.
    function test_policyStartingAtIncidentTime_doesNotPay() public {
        uint256 policyId = _buyFor(alice, depeg, 10_000e6, 30 days, _one(poolId));
        trigger.fire(block.timestamp, 1e18);
        settlement.settle(depeg);
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.StartedAfterIncident.selector, policyId, block.timestamp, block.timestamp)
        );
        settlement.claim(policyId);
    }

    /* 5. Pending assessed claims priced into exits */

    /// An LP who saw submitClaim left whole (1 h cooldown) and the others paid. Exits are now valued net of
    /// capital held for pending claims, and the cooldown is at least 7 days.
    function test_pendingClaim_exitBearsItsShare() public {
        uint256 m = _createMarket(address(0));
        (Pool p,) = _createPool(m, 10_000);
        uint32 id = uint32(markets.poolIdPlusOne(address(p)) - 1);
        uint256 s1 = _deposit(p, lp, 500_000e6);
        _deposit(p, lp2, 500_000e6);
        uint256 policyId = _buyFor(alice, m, 500_000e6, 60 days, _one(id));
        uint256 claimId = _submitAs(alice, policyId, 400_000e6);
        assertEq(p.claimHold(), 400_000e6);

        uint256 capital = p.capital();
        vm.prank(lp);
        p.requestRedeem(s1, lp, lp);
        (, uint256 requested,) = p.redeemRequest(lp);
        assertLe(requested, (capital - 400_000e6) / 2 + 1, "the request is valued net of the pending claim");

        _vote(makeAddr("assessor-a"), claimId, true);
        _vote(makeAddr("assessor-b"), claimId, true);
        vm.warp(block.timestamp + 3 days + 1);
        claims.finalize(claimId);
        vm.warp(block.timestamp + 1 days);
        claims.redeemClaim(claimId);

        vm.warp(block.timestamp + 7 days);
        uint256 max = p.maxRedeem(lp); // the live cover still locks capital: a partial exit
        assertGt(max, 0);
        vm.prank(lp);
        uint256 out = p.redeem(max, lp, lp);
        assertLe(out * s1, requested * max + s1, "never above the request price, net of the claim");
        assertGe(p.convertToAssets(p.balanceOf(lp2)), (capital - 400_000e6) / 2 - 1e6, "lp2 bears only its half");

        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidCooldown.selector, 1 hours, 7 days, 90 days));
        vm.prank(curator);
        p.setPoolParams(1_000, 30_000, 1 hours, address(0));
    }

    /* 6. Pool-slot squatting */

    /// 32 weight-0 pools filled a market's slots. Slots now need capacity: empty ones can be removed by anyone.
    function test_slotSquatting_emptyPoolsAreRemovable() public {
        uint256 m = _createMarket(address(0));
        address squatter = makeAddr("squatter");
        uint32[] memory squatters = new uint32[](32);
        for (uint256 i; i < 32; ++i) {
            (address addr, uint32 id) =
                factory.createPool(IERC20(address(usdc)), "Squat", "sq", squatter, 0, 10_000, 7 days);
            vm.prank(squatter);
            Pool(addr).setMarketConfig(m, 1, _curve(), false);
            squatters[i] = id;
        }
        (address realAddr, uint32 realId) =
            factory.createPool(IERC20(address(usdc)), "Real", "rl", curator, 1_000, 30_000, 7 days);
        Pool real = Pool(realAddr);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TooManyPools.selector, 32));
        vm.prank(curator);
        real.setMarketConfig(m, 5_000, _curve(), false);

        vm.prank(stranger);
        markets.removeMarketPool(m, squatters[0]);
        assertFalse(Pool(markets.pool(squatters[0])).marketConfig(m).listed);
        vm.prank(curator);
        real.setMarketConfig(m, 5_000, _curve(), false);
        assertEq(markets.marketPools(m).length, 32);

        _deposit(real, lp, 1_000_000e6);
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.PoolStillBacking.selector, m, realId, 500_000e6, 0)
        );
        markets.removeMarketPool(m, realId);

        // A thin pool is removable once governance sets a real minimum.
        Pool thin = Pool(markets.pool(squatters[1]));
        _deposit(thin, squatter, 1_000e6);
        vm.prank(squatter);
        thin.setMarketConfig(m, 10_000, _curve(), false);
        vm.prank(governance);
        markets.setMinPoolCapacity(m, 10_000e6);
        markets.removeMarketPool(m, squatters[1]);
        assertEq(markets.marketPools(m).length, 31);
    }

    /* 7. Curator changes */

    /// Rates to zero, leverage to 10x, cooldown to 90 days right after LPs deposit. Risk-increasing changes now
    /// wait max(timelock, cooldown), so an LP can leave first; risk-decreasing ones apply at once.
    function test_curatorTimelock_lpCanLeaveBeforeARiskierChange() public {
        bytes memory change = abi.encodeCall(pool.setPoolParams, (1_000, 100_000, 90 days, address(0)));
        bytes32 changeId = keccak256(change);
        vm.prank(curator);
        pool.setPoolParams(1_000, 100_000, 90 days, address(0));
        (, uint32 leverage, uint32 cooldown,,) = pool.poolParams();
        assertEq(leverage, 30_000, "queued, not applied");
        assertEq(cooldown, 7 days);
        uint256 at = pool.pendingChange(changeId);
        assertEq(at, block.timestamp + 7 days, "waits the cooldown, longer than the 3-day timelock");

        uint256 shares = _requestAll(pool, lp);
        vm.warp(at - 1);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TimelockPending.selector, changeId, at));
        vm.prank(curator);
        pool.setPoolParams(1_000, 100_000, 90 days, address(0));
        vm.warp(at);
        vm.prank(lp);
        assertEq(pool.redeem(shares, lp, lp), 1_000_000e6, "the LP left on the old terms");

        _deposit(pool, lp2, 1_000e6);
        vm.prank(curator);
        pool.setPoolParams(1_000, 100_000, 90 days, address(0));
        (, leverage, cooldown,,) = pool.poolParams();
        assertEq(leverage, 100_000);
        assertEq(cooldown, 90 days);

        vm.prank(curator);
        pool.setPoolParams(1_000, 20_000, 30 days, address(0));
        (, leverage, cooldown,,) = pool.poolParams();
        assertEq(leverage, 20_000, "risk-decreasing applies at once");

        RateCurve memory zero = _curve();
        zero.baseRateBps = 0;
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.RateBelowFloor.selector, 0, 10));
        vm.prank(curator);
        pool.setMarketConfig(depeg, 10_000, zero, false);
    }

    /// A queued change that later applied by the risk-decreasing path stayed armed, and months later let an
    /// increase apply at once. Applying drops the queue entry; stale entries expire.
    function test_curatorTimelock_appliedChangeDoesNotStayArmed() public {
        bytes memory a = abi.encodeCall(pool.setMarketConfig, (depeg, 8_000, _curve(), false));
        bytes memory b = abi.encodeCall(pool.setMarketConfig, (depeg, 9_000, _curve(), false));
        vm.prank(curator);
        pool.setMarketConfig(depeg, 5_000, _curve(), false); // lower: at once
        vm.startPrank(curator);
        (bool ok,) = address(pool).call(a);
        assertTrue(ok);
        (ok,) = address(pool).call(b);
        assertTrue(ok);
        vm.warp(block.timestamp + 7 days);
        (ok,) = address(pool).call(b); // 9,000
        assertTrue(ok);
        (ok,) = address(pool).call(a); // 8,000 at once (lower); its entry is dropped
        assertTrue(ok);
        assertEq(pool.pendingChange(keccak256(a)), 0);
        pool.setMarketConfig(depeg, 1_000, _curve(), false);
        vm.warp(block.timestamp + 180 days);
        (ok,) = address(pool).call(a); // queued again, not applied
        assertTrue(ok);
        vm.stopPrank();
        assertEq(pool.marketConfig(depeg).weightBps, 1_000, "a risk increase never skips the wait");
    }

    /* 8. Parametric settle and held capital */

    /// Settle took capital held for an approved assessed claim, which then could not be paid. Settle now funds
    /// at most capital - claim hold.
    function test_settle_neverTakesCapitalHeldForAssessedClaims() public {
        uint256 assessed = _createMarketWith(uint64(1) << groupStables, 0);
        (Pool p, uint32 id) = _createPool(depeg, 10_000);
        vm.prank(curator);
        p.setMarketConfig(assessed, 10_000, _curve(), false);
        _deposit(p, lp2, 1_000_000e6);
        uint256 assessedPolicy = _buyFor(alice, assessed, 500_000e6, 60 days, _one(id));
        uint256 depegPolicy = _buyFor(bob, depeg, 900_000e6, 60 days, _one(id));
        uint256 claimId = _submitAs(alice, assessedPolicy, 400_000e6);
        _vote(makeAddr("assessor-a"), claimId, true);
        _vote(makeAddr("assessor-b"), claimId, true);
        vm.warp(block.timestamp + 3 days + 1);
        claims.finalize(claimId);

        trigger.fire(block.timestamp - 1 hours, 1e18);
        Incident memory inc = settlement.settle(depeg);
        assertEq(inc.required, 810_000e6);
        assertLe(inc.funded, p.capital() + inc.funded - 400_000e6, "the hold stays in the pool");
        assertGe(p.capital(), 400_000e6);

        vm.warp(block.timestamp + 1 days);
        assertEq(claims.redeemClaim(claimId), 400_000e6, "the approved claim is paid");
        assertGt(settlement.claim(depegPolicy), 0);
    }
}
