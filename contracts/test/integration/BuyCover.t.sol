// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {BaseTest} from "../utils/BaseTest.sol";
import {TestTrigger} from "../utils/TestTrigger.sol";
import {Pool} from "../../src/Pool.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../src/libraries/EventsLib.sol";
import {TriggerState} from "../../src/interfaces/ITrigger.sol";
import {BuyCoverParams, MarketStatus, UnderwriteParams} from "../../src/types/Types.sol";

interface VmState {
    function snapshotState() external returns (uint256);
    function revertToState(uint256 id) external returns (bool);
}

/// @notice `CoverManager.buyCover`: the happy path and every revert, with nothing applied on revert.
contract BuyCoverTest is BaseTest {
    uint256 internal marketId;
    uint256 internal paramId;
    TestTrigger internal trigger;
    Pool internal pool;
    uint32 internal poolId;
    Pool internal pool2;
    uint32 internal poolId2;

    function setUp() public override {
        super.setUp();
        marketId = _createMarket(address(0));
        (paramId, trigger) = _createParametricMarket();
        (pool, poolId) = _createPool(marketId, 5_000);
        (pool2, poolId2) = _createPool(marketId, 5_000);
        vm.prank(curator);
        pool.setMarketConfig(paramId, 5_000, _curve(), false);
        _deposit(pool, lp, 1_000_000e6);
        _deposit(pool2, lp, 1_000_000e6);
        _fund(buyer, 10_000_000e6);
    }

    function _expectNoEffect(BuyCoverParams memory p, bytes memory err) internal {
        uint256 nextId = cover.nextPolicyId();
        uint256 balance = usdc.balanceOf(buyer);
        uint256 poolBalance = usdc.balanceOf(address(pool));
        uint256 tvc = markets.tvc(p.marketId == 0 ? marketId : p.marketId);
        uint256 exposure = pool.totalExposure();
        vm.expectRevert(err);
        vm.prank(buyer);
        cover.buyCover(p);
        assertEq(cover.nextPolicyId(), nextId);
        assertEq(usdc.balanceOf(buyer), balance);
        assertEq(usdc.balanceOf(address(pool)), poolBalance);
        assertEq(pool.totalExposure(), exposure);
        if (p.marketId != 0 && p.marketId <= markets.marketCount()) assertEq(markets.tvc(p.marketId), tvc);
    }

    function test_buyCover_happyPath(uint256 amount, uint256 period) public {
        amount = bound(amount, 1, 1_000_000e6);
        period = bound(period, 7 days, 365 days);
        (uint256 policyId, uint256 premium) = _buy(marketId, amount, period, _two(poolId, poolId2));
        assertEq(policyId, 1);
        assertGt(premium, 0);
        assertEq(markets.tvc(marketId), amount);
        assertEq(cover.balanceOf(buyer), 1);
    }

    function test_buyCover_parametricWhileTriggerActive() public {
        (uint256 policyId,) = _buy(paramId, 10_000e6, 30 days, _one(poolId));
        assertEq(cover.policy(policyId).marketId, paramId);
    }

    function test_buyCover_emitsUnderwritten() public {
        vm.expectEmit(true, false, false, false, address(pool));
        emit EventsLib.Underwritten(marketId, 0, 0, 0, 0, 0);
        vm.prank(buyer);
        cover.buyCover(_buyParams(marketId, 1_000e6, 30 days, _one(poolId)));
    }

    function test_buyCover_unknownMarket(uint256 id) public {
        vm.assume(id == 0 || id > markets.marketCount());
        _expectNoEffect(
            _buyParams(id, 1e6, 30 days, _one(poolId)), abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, id)
        );
    }

    function test_buyCover_protocolPaused() public {
        vm.prank(guardian);
        markets.pause();
        _expectNoEffect(
            _buyParams(marketId, 1e6, 30 days, _one(poolId)), abi.encodeWithSelector(ErrorsLib.ProtocolPaused.selector)
        );
    }

    function test_buyCover_marketNotActive(uint8 which) public {
        which = uint8(bound(which, 0, 2));
        MarketStatus status;
        if (which == 0) {
            vm.prank(guardian);
            markets.pauseMarket(marketId);
            status = MarketStatus.PAUSED;
        } else if (which == 1) {
            vm.prank(governance);
            markets.retireMarket(marketId);
            status = MarketStatus.RETIRED;
        } else {
            vm.prank(address(settlement));
            markets.markTriggered(marketId);
            status = MarketStatus.TRIGGERED;
        }
        _expectNoEffect(
            _buyParams(marketId, 1e6, 30 days, _one(poolId)),
            abi.encodeWithSelector(ErrorsLib.MarketNotActive.selector, marketId, status)
        );
    }

    function test_buyCover_zeroAmount() public {
        _expectNoEffect(_buyParams(marketId, 0, 30 days, _one(poolId)), abi.encodeWithSelector(ErrorsLib.ZeroAmount.selector));
    }

    function test_buyCover_amountAboveUint96(uint256 amount) public {
        amount = bound(amount, uint256(type(uint96).max) + 1, type(uint256).max);
        _expectNoEffect(
            _buyParams(marketId, amount, 30 days, _one(poolId)),
            abi.encodeWithSelector(ErrorsLib.InsufficientCapacity.selector, marketId, amount, type(uint96).max)
        );
    }

    function test_buyCover_zeroOwner() public {
        BuyCoverParams memory p = _buyParams(marketId, 1e6, 30 days, _one(poolId));
        p.owner = address(0);
        _expectNoEffect(p, abi.encodeWithSelector(ErrorsLib.ZeroAddress.selector));
    }

    function test_buyCover_periodOutOfBounds(uint256 period) public {
        vm.assume(period < 7 days || period > 365 days);
        _expectNoEffect(
            _buyParams(marketId, 1e6, period, _one(poolId)),
            abi.encodeWithSelector(ErrorsLib.PeriodOutOfBounds.selector, period, 7 days, 365 days)
        );
    }

    function test_buyCover_invalidPoolCount(uint256 n) public {
        n = bound(n, 0, 20);
        vm.assume(n == 0 || n > 8);
        uint32[] memory list = new uint32[](n);
        _expectNoEffect(
            _buyParams(marketId, 1e6, 30 days, list),
            abi.encodeWithSelector(ErrorsLib.InvalidPoolCount.selector, n, 8)
        );
    }

    function test_buyCover_commissionTooHigh(uint16 bps) public {
        bps = uint16(bound(bps, 1_001, type(uint16).max));
        BuyCoverParams memory p = _buyParams(marketId, 1e6, 30 days, _one(poolId));
        p.integrator = integrator;
        p.commissionBps = bps;
        _expectNoEffect(p, abi.encodeWithSelector(ErrorsLib.CommissionTooHigh.selector, bps, 1_000));
    }

    function test_buyCover_commissionWithoutIntegrator(uint16 bps) public {
        bps = uint16(bound(bps, 1, 1_000));
        BuyCoverParams memory p = _buyParams(marketId, 1e6, 30 days, _one(poolId));
        p.commissionBps = bps;
        _expectNoEffect(p, abi.encodeWithSelector(ErrorsLib.CommissionWithoutIntegrator.selector));
    }

    function test_buyCover_triggerNotActive(bool fired) public {
        TriggerState s = fired ? TriggerState.TRIGGERED : TriggerState.FROZEN;
        trigger.set(s);
        _expectNoEffect(
            _buyParams(paramId, 1e6, 30 days, _one(poolId)),
            abi.encodeWithSelector(ErrorsLib.TriggerNotActive.selector, paramId, s)
        );
    }

    function test_buyCover_unknownPool(uint32 id) public {
        vm.assume(id >= markets.poolCount());
        _expectNoEffect(
            _buyParams(marketId, 1e6, 30 days, _two(id, poolId)),
            abi.encodeWithSelector(ErrorsLib.UnknownPool.selector, id)
        );
    }

    function test_buyCover_duplicatePool() public {
        // The first pool cannot fill everything, so the duplicate is reached.
        _expectNoEffect(
            _buyParams(marketId, 1_100_000e6, 30 days, _three(poolId, poolId2, poolId)),
            abi.encodeWithSelector(ErrorsLib.DuplicatePool.selector, poolId)
        );
        _expectNoEffect(
            _buyParams(marketId, 600_000e6, 30 days, _two(poolId, poolId)),
            abi.encodeWithSelector(ErrorsLib.DuplicatePool.selector, poolId)
        );
    }

    /// Candidates after the order is filled are not read: a stale tail never makes a purchase fail.
    function test_buyCover_tailAfterFillIsIgnored() public {
        (uint256 policyId,) = _buy(marketId, 1e6, 30 days, _three(poolId, poolId, 999));
        assertEq(cover.policy(policyId).poolCount, 1);
    }

    function test_buyCover_insufficientCapacity(uint256 amount) public {
        uint256 free = lens.freeCapacity(address(pool), marketId) + lens.freeCapacity(address(pool2), marketId);
        amount = bound(amount, free + 1, type(uint96).max);
        _expectNoEffect(
            _buyParams(marketId, amount, 30 days, _two(poolId, poolId2)),
            abi.encodeWithSelector(ErrorsLib.InsufficientCapacity.selector, marketId, amount, free)
        );
    }

    function test_buyCover_premiumTooHigh() public {
        BuyCoverParams memory p = _buyParams(marketId, 100_000e6, 30 days, _one(poolId));
        p.maxPremium = 1;
        uint256 snap = VmState(address(vm)).snapshotState();
        vm.prank(buyer);
        (, uint256 premium) = cover.buyCover(_buyParams(marketId, 100_000e6, 30 days, _one(poolId)));
        VmState(address(vm)).revertToState(snap);
        _expectNoEffect(p, abi.encodeWithSelector(ErrorsLib.PremiumTooHigh.selector, premium, 1));
    }

    function test_buyCover_insufficientAllowance() public {
        vm.prank(buyer);
        usdc.approve(address(cover), 0);
        vm.expectRevert();
        vm.prank(buyer);
        cover.buyCover(_buyParams(marketId, 1_000e6, 30 days, _one(poolId)));
        assertEq(cover.nextPolicyId(), 1);
    }

    function test_underwrite_onlyCoverManager(address caller) public {
        vm.assume(caller != address(cover));
        UnderwriteParams memory u = UnderwriteParams(marketId, 1e6, block.timestamp, block.timestamp + 30 days, 200, 500);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, caller));
        vm.prank(caller);
        pool.underwrite(u);
    }

    function test_policy_unknownIdReverts() public {
        vm.expectRevert();
        cover.policy(1);
        vm.expectRevert();
        cover.slices(1);
    }

    /// Capacity released by expiry on one market is available to another market of the same group once the
    /// expired cover's release delay (the claim window of an assessed market) has passed, with nobody syncing.
    function test_buyCover_expiryInOtherMarketOfGroupReleasesCapacity() public {
        uint256 a = _createMarket(address(0));
        uint256 b = _createMarket(address(0)); // same group (ethereum-l1)
        (Pool p, uint32 id) = _createPool(a, 10_000);
        vm.startPrank(curator);
        p.setMarketConfig(b, 10_000, _curve(), false);
        p.setGroupCap(groupEth, 5_000);
        vm.stopPrank();
        _deposit(p, lp, 1_000_000e6);
        _buy(a, 500_000e6, 30 days, _one(id));
        uint256 end = block.timestamp + 30 days;
        assertEq(lens.freeCapacity(address(p), b), 0);
        // Ended but within the claim window: a's cover still counts in the group.
        vm.warp(end + 1 days);
        uint256 free = lens.freeCapacity(address(p), b);
        assertLt(free, 400_000e6);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientCapacity.selector, b, 400_000e6, free));
        vm.prank(buyer);
        cover.buyCover(_buyParams(b, 400_000e6, 30 days, _one(id)));
        // Nobody synced market a: once its delay is over, the sale on b releases it.
        vm.warp(_releaseTime(end, 30 days));
        _buy(b, 400_000e6, 30 days, _one(id));
        assertEq(p.exposure(b), 400_000e6);
        (uint256 booked,) = p.groupExposure(groupEth);
        assertEq(booked, 400_000e6);
    }

    /// Same for the leverage cap across uncorrelated markets.
    function test_buyCover_expiryInOtherGroupReleasesLeverage() public {
        uint256 a = _createMarketWith(uint64(1) << groupEth, 0);
        uint256 b = _createMarketWith(uint64(1) << groupStables, 0);
        (Pool p, uint32 id) = _createPool(a, 10_000);
        vm.startPrank(curator);
        p.setMarketConfig(b, 10_000, _curve(), false);
        p.setPoolParams(1_000, 10_000, 7 days, address(0));
        vm.stopPrank();
        _deposit(p, lp, 1_000_000e6);
        _buy(a, 1_000_000e6, 30 days, _one(id));
        uint256 end = block.timestamp + 30 days;
        vm.warp(_releaseTime(end, 30 days) - 1);
        uint256 free = lens.freeCapacity(address(p), b);
        assertLt(free, 1_000_000e6, "a's cover still counts against leverage in its delay");
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientCapacity.selector, b, 1_000_000e6, free));
        vm.prank(buyer);
        cover.buyCover(_buyParams(b, 1_000_000e6, 30 days, _one(id)));
        vm.warp(_releaseTime(end, 30 days));
        _buy(b, 1_000_000e6, 30 days, _one(id));
        assertEq(p.totalExposure(), 1_000_000e6);
    }
}
