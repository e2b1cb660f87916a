// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {BaseTest} from "../utils/BaseTest.sol";
import {TestGate} from "../utils/TestGate.sol";
import {Pool} from "../../src/Pool.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";

contract PoolTest is BaseTest {
    uint256 internal marketId;
    Pool internal pool;
    uint32 internal poolId;

    function setUp() public override {
        super.setUp();
        marketId = _createMarket(address(0));
        (pool, poolId) = _createPool(marketId, 5_000);
    }

    /* DEPOSITS AND ROUNDING */

    /// Deposits mint shares rounded down: the shares are never worth more than the assets paid.
    function test_deposit_roundsSharesDown(uint256 seed, uint256 assets, uint256 donation) public {
        seed = bound(seed, 1, 1e15);
        assets = bound(assets, 1, 1e15);
        donation = bound(donation, 0, 1e15);
        _deposit(pool, lp, seed);
        usdc.mint(address(pool), donation);
        address alice = makeAddr("alice");
        uint256 shares = _deposit(pool, alice, assets);
        assertLe(pool.convertToAssets(shares), assets);
        assertEq(shares, pool.balanceOf(alice));
    }

    /// Mints pull assets rounded up: the assets paid are never less than the shares are worth.
    function test_mint_roundsAssetsUp(uint256 seed, uint256 shares, uint256 donation) public {
        seed = bound(seed, 1, 1e15);
        shares = bound(shares, 1, 1e21);
        donation = bound(donation, 0, 1e15);
        _deposit(pool, lp, seed);
        usdc.mint(address(pool), donation);
        address alice = makeAddr("alice");
        uint256 assets = pool.previewMint(shares);
        usdc.mint(alice, assets);
        vm.startPrank(alice);
        usdc.approve(address(pool), assets);
        assertEq(pool.mint(shares, alice), assets);
        vm.stopPrank();
        assertGe(assets, pool.convertToAssets(shares));
    }

    /// First-depositor donation attack: the attacker deposits a little, donates a lot, and ends at a loss.
    function test_deposit_inflationAttackLeavesAttackerAtLoss(uint256 first, uint256 donation, uint256 victimAssets)
        public
    {
        first = bound(first, 1, 1e6);
        donation = bound(donation, 1e6, 1e13);
        victimAssets = bound(victimAssets, 1e6, 1e13);
        address attacker = makeAddr("attacker");
        address victim = makeAddr("victim");
        uint256 attackerShares = _deposit(pool, attacker, first);
        usdc.mint(address(pool), donation);
        uint256 victimShares = _deposit(pool, victim, victimAssets);
        uint256 attackerValue = pool.convertToAssets(attackerShares);
        assertLe(attackerValue, first + donation, "attacker never profits");
        // With a 10^6 virtual-share offset the victim loses at most a millionth of the donation plus rounding.
        assertGe(pool.convertToAssets(victimShares) + donation / 1e6 + 2, victimAssets, "victim protected");
    }

    /* ASYNC WITHDRAWALS */

    function test_requestRedeem_escrowsSharesAtRequestValue(uint256 assets, uint256 fraction) public {
        assets = bound(assets, 1e6, 1e13);
        uint256 shares = _deposit(pool, lp, assets);
        fraction = bound(fraction, 1, shares);
        uint256 value = pool.convertToAssets(fraction);
        uint256 claimableAt = _requestRedeem(pool, lp, fraction);
        assertEq(claimableAt, block.timestamp + 7 days);
        Req memory r = _req(pool, lp);
        uint256 at = r.claimableAt;
        assertEq(r.shares, fraction);
        assertEq(r.assets, value);
        assertEq(at, claimableAt);
        assertEq(pool.balanceOf(address(pool)), fraction);
        assertEq(pool.balanceOf(lp), shares - fraction);
        assertEq(pool.maxRedeem(lp), 0);
        vm.warp(claimableAt);
        assertEq(pool.maxRedeem(lp), fraction);
    }

    /// During the cooldown the LP earns nothing more: premium earned after the request stays with the pool.
    function test_redeem_paysRequestPriceWhenPriceRose(uint256 elapsed) public {
        elapsed = bound(elapsed, 7 days, 300 days);
        uint256 shares = _deposit(pool, lp, 1_000_000e6);
        _deposit(pool, makeAddr("other"), 1_000_000e6);
        _buy(marketId, 500_000e6, 365 days, _one(poolId));
        vm.warp(block.timestamp + 10 days);
        uint256 atRequest = pool.convertToAssets(shares);
        _requestRedeem(pool, lp, shares);
        vm.warp(block.timestamp + elapsed);
        assertGt(pool.convertToAssets(shares), atRequest);
        uint256 max = pool.maxRedeem(lp);
        vm.prank(lp);
        uint256 out = pool.redeem(max, lp, lp);
        assertLe(out, atRequest);
        assertApproxEqAbs(out, atRequest * max / shares, 1);
    }

    /// If the price fell after the request (a loss), the exit pays the lower current price.
    function test_redeem_paysCurrentPriceWhenPriceFell(uint256 lossBps) public {
        lossBps = bound(lossBps, 1, 5_000);
        uint256 shares = _deposit(pool, lp, 1_000_000e6);
        uint256 atRequest = pool.convertToAssets(shares);
        _requestRedeem(pool, lp, shares);
        uint256 balance = usdc.balanceOf(address(pool));
        deal(address(usdc), address(pool), balance - balance * lossBps / 10_000);
        vm.warp(block.timestamp + 7 days);
        uint256 now_ = pool.convertToAssets(shares);
        assertLt(now_, atRequest);
        vm.prank(lp);
        assertEq(pool.redeem(shares, lp, lp), now_);
    }

    /// Capital locked by cover cannot leave: redemptions fill partially up to free capital (INV-LOCK).
    function test_redeem_partialFillLimitedByFreeCapital(uint256 coverAmount) public {
        uint256 shares = _deposit(pool, lp, 1_000_000e6);
        coverAmount = bound(coverAmount, 100_000e6, 500_000e6);
        vm.prank(curator);
        pool.setGroupCap(groupEth, 5_000);
        _buy(marketId, coverAmount, 30 days, _one(poolId));
        uint256 end = block.timestamp + 30 days;
        _requestRedeem(pool, lp, shares);
        vm.warp(block.timestamp + 7 days);
        uint256 locked = pool.lockedCapital();
        assertEq(locked, coverAmount * 2);
        uint256 max = pool.maxRedeem(lp);
        assertLt(max, shares);
        vm.prank(lp);
        uint256 out = pool.redeem(max, lp, lp);
        assertLe(out, pool.freeCapital() + out);
        assertGe(pool.capital(), pool.lockedCapital(), "INV-LOCK");
        // Nothing more can leave until the cover expires.
        uint256 rest = shares - max;
        uint256 free = pool.freeCapital();
        Req memory req = _req(pool, lp);
        uint256 value = rest * req.assets / req.shares;
        if (pool.convertToAssets(rest) < value) value = pool.convertToAssets(rest);
        if (value > free) {
            vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientFreeCapital.selector, value, free));
            vm.prank(lp);
            pool.redeem(rest, lp, lp);
        }
        // Ended cover stays locked through its release delay (the claim window): a claim may still arrive.
        vm.warp(end + 1 days);
        pool.sync(marketId);
        assertEq(pool.totalExposure(), coverAmount, "still booked after the end");
        assertEq(pool.lockedCapital(), coverAmount * 2);
        // After the delay, with no per-policy processing, the rest is free.
        vm.warp(_releaseTime(end, 30 days));
        // Views are conservative until a sync releases group and total exposure; the exit itself syncs.
        assertLe(pool.maxRedeem(lp), rest);
        pool.sync(marketId);
        assertEq(pool.maxRedeem(lp), rest);
        vm.prank(lp);
        pool.redeem(rest, lp, lp);
        assertEq(pool.totalExposure(), 0);
        Req memory r = _req(pool, lp);
        assertEq(r.shares, 0);
        assertEq(r.assets, 0);
    }

    function test_maxWithdraw_limitedByFreeCapital() public {
        uint256 shares = _deposit(pool, lp, 1_000_000e6);
        _buy(marketId, 400_000e6, 30 days, _one(poolId));
        _requestRedeem(pool, lp, shares);
        vm.warp(block.timestamp + 7 days);
        assertEq(pool.maxWithdraw(lp), pool.freeCapital());
        uint256 assets = pool.maxWithdraw(lp);
        vm.prank(lp);
        pool.withdraw(assets, lp, lp);
        assertGe(pool.capital(), pool.lockedCapital(), "INV-LOCK");
    }

    /* PREMIUM STREAM AND FEES */

    /// LP premium is earned linearly: at half the stream, about half is earned.
    function test_underwrite_premiumEarnedLinearly(uint256 period, uint256 amount) public {
        period = bound(period, 60 days, 365 days);
        amount = bound(amount, 1_000e6, 400_000e6);
        _deposit(pool, lp, 1_000_000e6);
        uint256 capital0 = pool.capital();
        (, uint256 premium) = _buy(marketId, amount, period, _one(poolId));
        (uint256 curatorFees, uint256 protocolFees) = pool.feesOwed();
        uint256 lpPremium = premium - curatorFees - protocolFees;
        assertApproxEqAbs(lens.unearnedPremium(address(pool)), lpPremium, 1);
        assertLe(pool.capital() - capital0, 1);
        uint256 t0 = block.timestamp;
        // The stream runs from purchase to the first day boundary at or after the cover's end.
        uint256 streamEnd = (t0 + period + 1 days - 1) / 1 days * 1 days;
        vm.warp(t0 + (streamEnd - t0) / 2);
        uint256 earned = pool.capital() - capital0;
        assertApproxEqAbs(earned, lpPremium / 2, 2);
        vm.warp(t0 + period / 2);
        earned = pool.capital() - capital0;
        assertApproxEqRel(earned, lpPremium / 2, 0.02e18);
        assertApproxEqAbs(earned + lens.unearnedPremium(address(pool)), lpPremium, 1);
        vm.warp(t0 + period + 1 days);
        assertEq(lens.unearnedPremium(address(pool)), 0);
        assertApproxEqAbs(pool.capital() - capital0, lpPremium, 1);
    }

    /// Earned premium is non-decreasing and linear between two times inside the stream.
    function test_underwrite_earnedMonotone(uint256 a, uint256 b) public {
        _deposit(pool, lp, 1_000_000e6);
        _buy(marketId, 300_000e6, 200 days, _one(poolId));
        a = bound(a, 0, 220 days);
        b = bound(b, a, 220 days);
        uint256 t0 = block.timestamp;
        vm.warp(t0 + a);
        uint256 ca = pool.capital();
        vm.warp(t0 + b);
        assertGe(pool.capital(), ca);
    }

    function test_underwrite_feesOwedAndClaims(uint256 amount) public {
        amount = bound(amount, 1_000e6, 500_000e6);
        _deposit(pool, lp, 1_000_000e6);
        (, uint256 premium) = _buy(marketId, amount, 90 days, _one(poolId));
        (uint256 curatorFees, uint256 protocolFees) = pool.feesOwed();
        assertEq(curatorFees, premium * 1_000 / 10_000);
        assertEq(protocolFees, premium * 500 / 10_000);
        uint256 capital = pool.capital();
        vm.prank(curator);
        assertEq(pool.claimCuratorFees(curator), curatorFees);
        assertEq(usdc.balanceOf(curator), curatorFees);
        assertEq(pool.claimProtocolFees(), protocolFees);
        assertEq(usdc.balanceOf(treasury), protocolFees);
        (curatorFees, protocolFees) = pool.feesOwed();
        assertEq(curatorFees + protocolFees, 0);
        assertEq(pool.capital(), capital, "fee claims do not touch capital");
    }

    /* CAPS */

    /// Group exposure never exceeds capital x group cap, however cover is bought.
    function test_underwrite_groupCapLimitsFill(uint16 capBps, uint256 amount) public {
        capBps = uint16(bound(capBps, 100, 10_000));
        amount = bound(amount, 1e6, 2_000_000e6);
        _deposit(pool, lp, 1_000_000e6);
        _curatorApply(address(pool), abi.encodeCall(pool.setMarketConfig, (marketId, 10_000, _curve(), false)));
        vm.prank(curator);
        pool.setGroupCap(groupEth, capBps); // lower: applies at once
        (, uint16 cap) = pool.groupExposure(groupEth);
        assertEq(cap, capBps);
        uint256 free = lens.freeCapacity(address(pool), marketId);
        assertEq(free, 1_000_000e6 * uint256(capBps) / 10_000);
        if (amount > free) {
            _fund(buyer, 1_000_000e6);
            vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientCapacity.selector, marketId, amount, free));
            vm.prank(buyer);
            cover.buyCover(_buyParams(marketId, amount, 30 days, _one(poolId)));
        } else {
            _buy(marketId, amount, 30 days, _one(poolId));
            (uint256 booked,) = pool.groupExposure(groupEth);
            assertEq(booked, amount);
            assertLe(booked * 10_000, pool.capital() * capBps);
        }
    }

    /// Total exposure across uncorrelated markets stays within capital x leverage.
    function test_underwrite_leverageCapLimitsTotal(uint32 leverageBps) public {
        leverageBps = uint32(bound(leverageBps, 10_000, 20_000));
        uint256 other = _createMarketWith(uint64(1) << groupStables, 0);
        _deposit(pool, lp, 1_000_000e6);
        _curatorApply(address(pool), abi.encodeCall(pool.setMarketConfig, (marketId, 10_000, _curve(), false)));
        _curatorApply(address(pool), abi.encodeCall(pool.setMarketConfig, (other, 10_000, _curve(), false)));
        vm.prank(curator);
        pool.setPoolParams(1_000, leverageBps, 7 days, address(0)); // lower: applies at once
        (, uint32 lev,,,) = pool.poolParams();
        assertEq(lev, leverageBps);
        _buy(marketId, 1_000_000e6, 30 days, _one(poolId));
        uint256 free = lens.freeCapacity(address(pool), other);
        assertEq(free, pool.capital() * leverageBps / 10_000 - 1_000_000e6);
        if (free > 0) _buy(other, free, 30 days, _one(poolId));
        assertEq(lens.freeCapacity(address(pool), other), 0);
        assertLe(pool.totalExposure() * 10_000, pool.capital() * leverageBps);
        assertEq(pool.lockedCapital(), 1_000_000e6);
    }

    /// Expiry releases capacity at the first day boundary after the end plus the release delay (the claim
    /// window of an assessed market), with no per-policy processing.
    function test_sync_expiryReleasesCapacity(uint256 period) public {
        period = bound(period, 7 days, 365 days);
        _deposit(pool, lp, 1_000_000e6);
        uint256 free0 = lens.freeCapacity(address(pool), marketId);
        for (uint256 i; i < 5; ++i) {
            _buy(marketId, 10_000e6, period, _one(poolId));
        }
        uint256 end = block.timestamp + period;
        assertEq(pool.exposure(marketId), 50_000e6);
        vm.warp(end - 1);
        assertEq(pool.exposure(marketId), 50_000e6);
        // Ended, but a claim may still arrive within the claim window: still booked.
        vm.warp((end + 1 days - 1) / 1 days * 1 days);
        assertEq(pool.exposure(marketId), 50_000e6);
        vm.warp(_releaseTime(end, 30 days) - 1);
        pool.sync(marketId);
        assertEq(pool.exposure(marketId), 50_000e6);
        assertEq(pool.totalExposure(), 50_000e6);
        vm.warp(_releaseTime(end, 30 days));
        assertEq(pool.exposure(marketId), 0);
        assertEq(markets.tvc(marketId), 0);
        // Group and total exposure are released by a sync (or any sale or exit).
        assertEq(pool.totalExposure(), 50_000e6);
        pool.sync(marketId);
        assertEq(pool.totalExposure(), 0);
        (uint256 booked,) = pool.groupExposure(groupEth);
        assertEq(booked, 0);
        assertGe(lens.freeCapacity(address(pool), marketId), free0);
    }

    function test_views_utilisationAndWorstRatio() public {
        _deposit(pool, lp, 1_000_000e6);
        assertEq(lens.utilisation(address(pool), marketId), 0);
        _buy(marketId, 250_000e6, 30 days, _one(poolId));
        assertEq(pool.capacity(marketId), pool.capital() / 2);
        assertApproxEqRel(lens.utilisation(address(pool), marketId), 0.5e18, 0.001e18);
        assertApproxEqRel(lens.worstGroupExposureRatio(address(pool)), 0.25e18, 0.001e18);
        assertEq(pool.backedMarkets().length, 1);
        assertEq(pool.markets(), address(markets));
    }

    /* DEPOSIT GATE */

    function test_deposit_gateAllowsOnlyListedReceivers(address who) public {
        vm.assume(who != address(0) && who != address(pool));
        TestGate gate = new TestGate();
        vm.prank(curator);
        pool.setPoolParams(1_000, 30_000, 7 days, address(gate));
        usdc.mint(who, 100e6);
        vm.prank(who);
        usdc.approve(address(pool), 100e6);
        vm.prank(who);
        assertEq(pool.maxDeposit(who), 0);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.DepositorNotAllowed.selector, who));
        vm.prank(who);
        pool.deposit(100e6, who);
        gate.allow(who, true);
        vm.prank(who);
        assertEq(pool.maxDeposit(who), type(uint256).max);
        vm.prank(who);
        pool.deposit(100e6, who);
        assertGt(pool.balanceOf(who), 0);
    }
}
