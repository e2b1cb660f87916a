// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {Pool} from "../../src/Pool.sol";
import {MockStable} from "../../src/mocks/MockStable.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../src/libraries/EventsLib.sol";
import {MarketConfig} from "../../src/interfaces/IPool.sol";
import {Market, MarketStatus, RateCurve} from "../../src/types/Types.sol";

/// @notice Curator entry points of the pool and the pool factory, with every revert.
contract PoolAdminTest is BaseTest {
    uint256 internal marketId;
    Pool internal pool;
    uint32 internal poolId;

    function setUp() public override {
        super.setUp();
        marketId = _createMarket(address(0));
        (pool, poolId) = _createPool(marketId, 5_000);
        _deposit(pool, lp, 1_000_000e6);
    }

    /* PoolFactory.createPool */

    function test_createPool_registers() public {
        vm.expectEmit(true, false, true, true, address(markets));
        emit EventsLib.PoolRegistered(1, address(0), curator);
        (address addr, uint32 id) =
            factory.createPool(IERC20(address(usdc)), "P", "P", curator, 2_000, 20_000, 14 days);
        assertEq(id, 1);
        assertEq(markets.pool(id), addr);
        assertEq(markets.poolIdPlusOne(addr), 2);
        assertEq(markets.poolCount(), 2);
        (uint16 fee, uint32 lev, uint32 cd, address gate, uint32 timelock) = Pool(addr).poolParams();
        assertEq(fee, 2_000);
        assertEq(lev, 20_000);
        assertEq(cd, 14 days);
        assertEq(gate, address(0));
        assertEq(timelock, 3 days, "default curator timelock");
        assertEq(Pool(addr).curator(), curator);
    }

    function test_createPool_assetNotAllowed() public {
        MockStable dai = new MockStable("Dai", "DAI");
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.AssetNotAllowed.selector, address(dai)));
        factory.createPool(IERC20(address(dai)), "P", "P", curator, 0, 10_000, 1 days);
        assertEq(markets.poolCount(), 1);
    }

    function test_createPool_zeroCurator() public {
        vm.expectRevert(ErrorsLib.ZeroAddress.selector);
        factory.createPool(IERC20(address(usdc)), "P", "P", address(0), 0, 10_000, 1 days);
    }

    function test_createPool_badParams(uint16 fee, uint32 lev, uint32 cd) public {
        bool feeOk = fee <= 3_000;
        bool levOk = lev >= 10_000 && lev <= 100_000;
        bool cdOk = cd >= 7 days && cd <= 90 days;
        vm.assume(!(feeOk && levOk && cdOk));
        // The factory surfaces the Pool constructor's own error.
        if (!feeOk) vm.expectRevert(abi.encodeWithSelector(ErrorsLib.FeeTooHigh.selector, fee, 3_000));
        else if (!levOk) vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidLeverage.selector, lev));
        else vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidCooldown.selector, cd, 7 days, 90 days));
        factory.createPool(IERC20(address(usdc)), "P", "P", curator, fee, lev, cd);
        assertEq(markets.poolCount(), 1);
    }

    /* setMarketConfig */

    function test_setMarketConfig_updatesAndRegistersOnce(uint16 weight, bool follow) public {
        weight = uint16(bound(weight, 0, 10_000));
        RateCurve memory c = RateCurve({baseRateBps: 100, slope1Bps: 1, slope2Bps: 2, kinkBps: 5_000});
        // Lower slopes are a risk-increasing change: it goes through the timelock.
        _curatorApply(address(pool), abi.encodeCall(pool.setMarketConfig, (marketId, weight, c, follow)));
        MarketConfig memory cfg = pool.marketConfig(marketId);
        assertEq(cfg.weightBps, weight);
        assertEq(cfg.followOracle, follow);
        assertEq(cfg.curve.kinkBps, 5_000);
        assertEq(cfg.groups, uint64(1) << groupEth);
        assertEq(pool.backedMarkets().length, 1);
        assertEq(markets.marketPools(marketId).length, 1);
        // The same call again changes nothing, so it applies at once and registers nothing twice.
        vm.prank(curator);
        pool.setMarketConfig(marketId, weight, c, follow);
        assertEq(pool.pendingChange(keccak256(abi.encodeCall(pool.setMarketConfig, (marketId, weight, c, follow)))), 0);
        assertEq(pool.backedMarkets().length, 1);
        assertEq(markets.marketPools(marketId).length, 1);
    }

    /// Once the pool has shares, a risk-increasing change is queued on the first call, refused until the
    /// timelock has passed and applied by the same call after it.
    function test_setMarketConfig_riskierChangeWaitsTimelock(uint256 early) public {
        bytes memory call = abi.encodeCall(pool.setMarketConfig, (marketId, 8_000, _curve(), false));
        bytes32 id = keccak256(call);
        uint256 at = block.timestamp + 7 days; // max(3-day timelock, 7-day cooldown)
        vm.expectEmit(true, true, true, true, address(pool));
        emit EventsLib.ChangeQueued(id, at, call);
        vm.prank(curator);
        pool.setMarketConfig(marketId, 8_000, _curve(), false);
        assertEq(pool.pendingChange(id), at);
        assertEq(pool.marketConfig(marketId).weightBps, 5_000, "nothing applied");

        early = bound(early, 1, 7 days);
        vm.warp(at - early);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TimelockPending.selector, id, at));
        vm.prank(curator);
        pool.setMarketConfig(marketId, 8_000, _curve(), false);

        vm.warp(at);
        vm.prank(curator);
        pool.setMarketConfig(marketId, 8_000, _curve(), false);
        assertEq(pool.marketConfig(marketId).weightBps, 8_000);
        assertEq(pool.pendingChange(id), 0);
        // Lowering the weight decreases risk: it applies at once.
        vm.prank(curator);
        pool.setMarketConfig(marketId, 2_000, _curve(), false);
        assertEq(pool.marketConfig(marketId).weightBps, 2_000);
    }

    function test_setMarketConfig_followOracleUsesOracleRate() public {
        RateCurve memory c = RateCurve(10_000, 0, 0, 5_000);
        _curatorApply(address(pool), abi.encodeCall(pool.setMarketConfig, (marketId, 5_000, c, true)));
        (, uint256 premium) = _buy(marketId, 100_000e6, 365 days, _one(poolId));
        // The oracle base rate (200 bps) replaces the curve's 10,000 bps.
        assertEq(premium, 2_000e6);
    }

    function test_setMarketConfig_unauthorized(address caller) public {
        vm.assume(caller != curator);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, caller));
        vm.prank(caller);
        pool.setMarketConfig(marketId, 1_000, _curve(), false);
        assertEq(pool.marketConfig(marketId).weightBps, 5_000);
    }

    function test_setMarketConfig_weightTooHigh(uint16 weight) public {
        weight = uint16(bound(weight, 10_001, type(uint16).max));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.WeightTooHigh.selector, weight));
        vm.prank(curator);
        pool.setMarketConfig(marketId, weight, _curve(), false);
    }

    function test_setMarketConfig_invalidKink(uint16 kink) public {
        vm.assume(kink == 0 || kink >= 10_000);
        RateCurve memory c = _curve();
        c.kinkBps = kink;
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidKink.selector, kink));
        vm.prank(curator);
        pool.setMarketConfig(marketId, 1_000, c, false);
    }

    /// A new market is a risk-increasing change: queued first, checked against the registry when it applies
    /// (at once in a pool without shares).
    function test_setMarketConfig_unknownMarket() public {
        assertEq(pool.backedMarkets().length, 1);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, 99));
        vm.prank(curator);
        pool.setMarketConfig(99, 1_000, _curve(), false);
        assertEq(pool.backedMarkets().length, 1);

        (Pool empty,) = _createPool(0, 0);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, 99));
        vm.prank(curator);
        empty.setMarketConfig(99, 1_000, _curve(), false);
    }

    function test_setMarketConfig_marketNotActive() public {
        uint256 m = _createMarket(address(0));
        vm.prank(guardian);
        markets.pauseMarket(m);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.MarketNotActive.selector, m, MarketStatus.PAUSED));
        vm.prank(curator);
        pool.setMarketConfig(m, 1_000, _curve(), false);
        assertEq(pool.backedMarkets().length, 1);
        assertEq(markets.marketPools(m).length, 0);
    }

    function test_setMarketConfig_assetMismatch() public {
        MockStable dai = new MockStable("Dai", "DAI");
        vm.prank(governance);
        markets.setCoverAsset(address(dai), true);
        Market memory p = _marketParams(address(0));
        p.asset = address(dai);
        vm.prank(governance);
        uint256 m = markets.createMarket(p, "");
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.AssetMismatch.selector, address(usdc), address(dai)));
        vm.prank(curator);
        pool.setMarketConfig(m, 1_000, _curve(), false);
        assertEq(pool.backedMarkets().length, 1);
    }

    function test_setMarketConfig_atMost16Markets() public {
        for (uint256 i = 1; i < 16; ++i) {
            uint256 m = _createMarket(address(0));
            _curatorApply(address(pool), abi.encodeCall(pool.setMarketConfig, (m, 1_000, _curve(), false)));
        }
        assertEq(pool.backedMarkets().length, 16);
        uint256 last = _createMarket(address(0));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TooManyMarkets.selector, 16));
        vm.prank(curator);
        pool.setMarketConfig(last, 1_000, _curve(), false);
        assertEq(pool.backedMarkets().length, 16);
    }

    /* setGroupCap */

    function test_setGroupCap_sets(uint16 cap) public {
        cap = uint16(bound(cap, 0, 10_000));
        vm.expectEmit(true, true, true, true, address(pool));
        emit EventsLib.GroupCapSet(groupStables, cap);
        vm.prank(curator);
        pool.setGroupCap(groupStables, cap);
        (, uint16 stored) = pool.groupExposure(groupStables);
        assertEq(stored, cap);
    }

    function test_setGroupCap_unauthorized(address caller) public {
        vm.assume(caller != curator);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, caller));
        vm.prank(caller);
        pool.setGroupCap(groupEth, 1);
    }

    function test_setGroupCap_unknownGroup(uint8 g) public {
        g = uint8(bound(g, markets.groupCount(), type(uint8).max));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownGroup.selector, g));
        vm.prank(curator);
        pool.setGroupCap(g, 1);
    }

    function test_setGroupCap_tooHigh(uint16 cap) public {
        cap = uint16(bound(cap, 10_001, type(uint16).max));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.GroupCapTooHigh.selector, groupEth, cap));
        vm.prank(curator);
        pool.setGroupCap(groupEth, cap);
    }

    function test_setGroupCap_belowExposure(uint16 cap) public {
        _buy(marketId, 300_000e6, 30 days, _one(poolId));
        uint256 capital = pool.capital();
        cap = uint16(bound(cap, 0, 10_000));
        uint256 limit = capital * cap / 10_000;
        vm.assume(limit < 300_000e6);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.GroupCapBelowExposure.selector, groupEth, 300_000e6, limit));
        vm.prank(curator);
        pool.setGroupCap(groupEth, cap);
        (, uint16 stored) = pool.groupExposure(groupEth);
        assertEq(stored, 10_000);
    }

    /* setPoolParams */

    function test_setPoolParams_unauthorized(address caller) public {
        vm.assume(caller != curator);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, caller));
        vm.prank(caller);
        pool.setPoolParams(0, 10_000, 1 days, address(0));
    }

    /// Invalid parameters never apply: a risk-decreasing call reverts at once; a risk-increasing one (higher fee,
    /// leverage or cooldown) is queued like any other and reverts when it would apply.
    function test_setPoolParams_badParams(uint16 fee, uint32 lev, uint32 cd) public {
        bool feeOk = fee <= 3_000;
        bool levOk = lev >= 10_000 && lev <= 100_000;
        bool cdOk = cd >= 7 days && cd <= 90 days;
        vm.assume(!(feeOk && levOk && cdOk));
        if (!feeOk) vm.expectRevert(abi.encodeWithSelector(ErrorsLib.FeeTooHigh.selector, fee, 3_000));
        else if (!levOk) vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidLeverage.selector, lev));
        else vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidCooldown.selector, cd, 7 days, 90 days));
        vm.prank(curator);
        pool.setPoolParams(fee, lev, cd, address(0));
        (uint16 f, uint32 l, uint32 c,,) = pool.poolParams();
        assertEq(f, 1_000);
        assertEq(l, 30_000);
        assertEq(c, 7 days);
    }

    function test_setPoolParams_leverageBelowExposure() public {
        uint256 other = _createMarketWith(uint64(1) << groupStables, 0);
        _curatorApply(address(pool), abi.encodeCall(pool.setMarketConfig, (marketId, 10_000, _curve(), false)));
        _curatorApply(address(pool), abi.encodeCall(pool.setMarketConfig, (other, 10_000, _curve(), false)));
        _buy(marketId, 900_000e6, 30 days, _one(poolId));
        _buy(other, 900_000e6, 30 days, _one(poolId));
        uint256 limit = pool.capital() * 15_000 / 10_000;
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.LeverageBelowExposure.selector, 1_800_000e6, limit));
        vm.prank(curator);
        pool.setPoolParams(1_000, 15_000, 7 days, address(0));
        vm.prank(curator);
        pool.setPoolParams(1_000, 18_000, 7 days, address(0));
    }

    /* curatorship and fees */

    function test_setCurator_handsOver(address next) public {
        vm.assume(next != address(0) && next != curator);
        vm.expectEmit(true, true, true, true, address(pool));
        emit EventsLib.CuratorSet(next);
        vm.prank(curator);
        pool.setCurator(next);
        assertEq(pool.curator(), next);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, curator));
        vm.prank(curator);
        pool.setGroupCap(groupEth, 1);
    }

    function test_setCurator_zeroAndUnauthorized(address caller) public {
        vm.assume(caller != curator);
        vm.expectRevert(ErrorsLib.ZeroAddress.selector);
        vm.prank(curator);
        pool.setCurator(address(0));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, caller));
        vm.prank(caller);
        pool.setCurator(caller);
        assertEq(pool.curator(), curator);
    }

    function test_claimCuratorFees_guards(address caller) public {
        vm.assume(caller != curator);
        _buy(marketId, 100_000e6, 30 days, _one(poolId));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, caller));
        vm.prank(caller);
        pool.claimCuratorFees(caller);
        vm.expectRevert(ErrorsLib.ZeroAddress.selector);
        vm.prank(curator);
        pool.claimCuratorFees(address(0));
        (uint256 fees,) = pool.feesOwed();
        assertGt(fees, 0);
    }

    function test_claimProtocolFees_anyoneToTreasury(address caller) public {
        _buy(marketId, 100_000e6, 30 days, _one(poolId));
        (, uint256 fees) = pool.feesOwed();
        vm.expectEmit(true, true, true, true, address(pool));
        emit EventsLib.FeesClaimed(treasury, 0, fees);
        vm.prank(caller);
        pool.claimProtocolFees();
        assertEq(usdc.balanceOf(treasury), fees);
    }

    /// Anyone may sync; it releases ended cover once its release delay (the claim window) has passed.
    function test_sync_anyone(address caller) public {
        _buy(marketId, 100_000e6, 7 days, _one(poolId));
        uint256 end = block.timestamp + 7 days;
        vm.warp(_releaseTime(end, 30 days) - 1);
        vm.prank(caller);
        pool.sync(marketId);
        assertEq(pool.totalExposure(), 100_000e6, "still in its claim window");
        vm.warp(_releaseTime(end, 30 days));
        vm.prank(caller);
        pool.sync(marketId);
        assertEq(pool.totalExposure(), 0);
    }
}
