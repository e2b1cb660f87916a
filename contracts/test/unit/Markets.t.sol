// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {Markets} from "../../src/Markets.sol";
import {Pool} from "../../src/Pool.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {Market, MarketStatus} from "../../src/types/Types.sol";

contract MarketsTest is BaseTest {
    uint256 internal marketId;

    function setUp() public override {
        super.setUp();
        marketId = _createMarket(address(0));
    }

    /* BASE RATE */

    /// The risk oracle moves the base rate within [min, max] and by at most maxChangePerDay x days elapsed.
    function test_setBaseRate_boundedByRangeAndDailyChange(uint256 elapsed, uint256 rate) public {
        elapsed = bound(elapsed, 0, 60 days);
        rate = bound(rate, 0, 3_000);
        vm.warp(block.timestamp + elapsed);
        Market memory m = markets.market(marketId);
        uint256 allowed = uint256(m.maxRateChangePerDayBps) * elapsed / 1 days;
        uint256 change = rate > m.baseRateBps ? rate - m.baseRateBps : m.baseRateBps - rate;
        if (rate < m.minBaseRateBps || rate > m.maxBaseRateBps) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ErrorsLib.BaseRateOutOfBounds.selector, rate, m.minBaseRateBps, m.maxBaseRateBps
                )
            );
        } else if (change > allowed) {
            vm.expectRevert(
                abi.encodeWithSelector(ErrorsLib.BaseRateChangeTooLarge.selector, m.baseRateBps, rate, allowed)
            );
        }
        vm.prank(riskOracle);
        markets.setBaseRate(marketId, rate);
        Market memory after_ = markets.market(marketId);
        if (rate >= m.minBaseRateBps && rate <= m.maxBaseRateBps && change <= allowed) {
            assertEq(after_.baseRateBps, rate);
            assertEq(after_.rateUpdatedAt, block.timestamp);
        } else {
            assertEq(after_.baseRateBps, m.baseRateBps);
            assertEq(after_.rateUpdatedAt, m.rateUpdatedAt);
        }
    }

    /// Two moves in one day cannot exceed the daily change in total: the allowance restarts at each update.
    function test_setBaseRate_allowanceRestartsAfterUpdate() public {
        vm.warp(block.timestamp + 1 days);
        vm.prank(riskOracle);
        markets.setBaseRate(marketId, 250);
        vm.warp(block.timestamp + 12 hours);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.BaseRateChangeTooLarge.selector, 250, 300, 25));
        vm.prank(riskOracle);
        markets.setBaseRate(marketId, 300);
        vm.prank(riskOracle);
        markets.setBaseRate(marketId, 275);
        assertEq(markets.market(marketId).baseRateBps, 275);
    }

    function test_setBaseRate_onlyRiskOracle(address caller) public {
        vm.assume(caller != riskOracle);
        vm.warp(block.timestamp + 1 days);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
        vm.prank(caller);
        markets.setBaseRate(marketId, 210);
    }

    function test_setRateBounds_resetsRateAndClock(uint32 minBps, uint32 maxBps, uint32 rate, uint32 perDay) public {
        minBps = uint32(bound(minBps, 0, 10_000));
        maxBps = uint32(bound(maxBps, minBps, 20_000));
        rate = uint32(bound(rate, minBps, maxBps));
        vm.warp(block.timestamp + 3 days);
        vm.prank(governance);
        markets.setRateBounds(marketId, minBps, maxBps, perDay, rate);
        Market memory m = markets.market(marketId);
        assertEq(m.minBaseRateBps, minBps);
        assertEq(m.maxBaseRateBps, maxBps);
        assertEq(m.maxRateChangePerDayBps, perDay);
        assertEq(m.baseRateBps, rate);
        assertEq(m.rateUpdatedAt, block.timestamp);
    }

    /* GROUPS */

    function test_createGroup_limitOf64() public {
        uint8 count = markets.groupCount();
        vm.startPrank(governance);
        for (uint256 i = count; i < 64; ++i) {
            assertEq(markets.createGroup(bytes32(i + 1)), i);
        }
        vm.expectRevert(ErrorsLib.TooManyGroups.selector);
        markets.createGroup("one-too-many");
        vm.stopPrank();
        assertEq(markets.groupCount(), 64);
        // A market may use the highest group.
        Market memory m = _marketParams(address(0));
        m.groups = uint64(1) << 63;
        vm.prank(governance);
        uint256 id = markets.createMarket(m, "");
        assertEq(markets.market(id).groups, uint64(1) << 63);
    }

    function test_createMarket_rejectsUnknownGroup(uint8 bit) public {
        bit = uint8(bound(bit, markets.groupCount(), 63));
        Market memory m = _marketParams(address(0));
        m.groups = uint64(1) << bit | 1;
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownGroup.selector, bit));
        vm.prank(governance);
        markets.createMarket(m, "");
    }

    /* STATUS TRANSITIONS */

    /// Random sequences of pause/unpause/retire follow the state machine ACTIVE <-> PAUSED -> RETIRED.
    function test_transitions_followStateMachine(uint8[8] memory ops) public {
        MarketStatus model = MarketStatus.ACTIVE;
        for (uint256 i; i < ops.length; ++i) {
            uint256 op = ops[i] % 3;
            MarketStatus expected = model;
            bool ok;
            if (op == 0) {
                ok = model == MarketStatus.ACTIVE;
                if (ok) expected = MarketStatus.PAUSED;
                else {
                    vm.expectRevert(
                        abi.encodeWithSelector(
                            ErrorsLib.InvalidStatusTransition.selector, marketId, model, MarketStatus.PAUSED
                        )
                    );
                }
                vm.prank(guardian);
                markets.pauseMarket(marketId);
            } else if (op == 1) {
                ok = model == MarketStatus.PAUSED;
                if (ok) expected = MarketStatus.ACTIVE;
                else {
                    vm.expectRevert(
                        abi.encodeWithSelector(
                            ErrorsLib.InvalidStatusTransition.selector, marketId, model, MarketStatus.ACTIVE
                        )
                    );
                }
                vm.prank(governance);
                markets.unpauseMarket(marketId);
            } else {
                ok = model == MarketStatus.ACTIVE || model == MarketStatus.PAUSED;
                if (ok) expected = MarketStatus.RETIRED;
                else {
                    vm.expectRevert(
                        abi.encodeWithSelector(
                            ErrorsLib.InvalidStatusTransition.selector, marketId, model, MarketStatus.RETIRED
                        )
                    );
                }
                vm.prank(governance);
                markets.retireMarket(marketId);
            }
            model = expected;
            assertEq(uint8(markets.marketStatus(marketId)), uint8(model));
        }
    }

    function test_markTriggered_fromAnyLiveStatus(uint8 path) public {
        path = uint8(bound(path, 0, 2));
        if (path >= 1) {
            vm.prank(guardian);
            markets.pauseMarket(marketId);
        }
        if (path == 2) {
            vm.prank(governance);
            markets.retireMarket(marketId);
        }
        vm.prank(address(settlement));
        markets.markTriggered(marketId);
        assertEq(uint8(markets.marketStatus(marketId)), uint8(MarketStatus.TRIGGERED));
        // TRIGGERED is final for governance too.
        vm.startPrank(governance);
        vm.expectRevert(
            abi.encodeWithSelector(
                ErrorsLib.InvalidStatusTransition.selector, marketId, MarketStatus.TRIGGERED, MarketStatus.ACTIVE
            )
        );
        markets.unpauseMarket(marketId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ErrorsLib.InvalidStatusTransition.selector, marketId, MarketStatus.TRIGGERED, MarketStatus.RETIRED
            )
        );
        markets.retireMarket(marketId);
        vm.stopPrank();
    }

    /* GUARDIAN */

    /// The guardian can pause a market and the protocol, and nothing else.
    function test_guardian_canOnlyPause() public {
        vm.startPrank(guardian);
        markets.pauseMarket(marketId);
        markets.pause();
        (bool paused,,) = markets.protocolParams();
        assertTrue(paused);

        bytes[] memory calls = new bytes[](9);
        calls[0] = abi.encodeCall(Markets.unpauseMarket, (marketId));
        calls[1] = abi.encodeCall(Markets.retireMarket, (marketId));
        calls[2] = abi.encodeCall(Markets.unpause, ());
        calls[3] = abi.encodeCall(Markets.setRateBounds, (marketId, 0, 100, 10, 50));
        calls[4] = abi.encodeCall(Markets.createGroup, ("g"));
        calls[5] = abi.encodeCall(Markets.setCoverAsset, (address(1), true));
        calls[6] = abi.encodeCall(Markets.setProtocolParams, (guardian, 0, 0));
        calls[7] = abi.encodeCall(Markets.setBaseRate, (marketId, 200));
        calls[8] = abi.encodeCall(Markets.createMarket, (_marketParams(address(0)), ""));
        for (uint256 i; i < calls.length; ++i) {
            (bool ok, bytes memory ret) = address(markets).call(calls[i]);
            assertFalse(ok);
            assertEq(ret, abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, guardian));
        }
        vm.stopPrank();
        assertEq(uint8(markets.marketStatus(marketId)), uint8(MarketStatus.PAUSED));
    }

    /* VIEWS */

    function test_coverTerms_bundlesProtocolParams() public {
        vm.prank(governance);
        markets.setProtocolParams(treasury, 700, 1_500);
        (,, uint16 cap) = markets.protocolParams();
        assertEq(cap, 1_500);
        assertEq(markets.coverTerms(marketId).protocolFeeBps, 700);
        assertEq(markets.coverTerms(marketId).maxCommissionBps, 1_500);
        assertEq(markets.coverTerms(marketId).market.baseRateBps, 200);
        assertFalse(markets.coverTerms(marketId).paused);
        assertEq(markets.termsURI(marketId), "ipfs://terms");
    }

    function test_tvc_sumsPoolsAndMarkets(uint256 a, uint256 b) public {
        a = bound(a, 1e6, 400_000e6);
        b = bound(b, 1e6, 400_000e6);
        uint256 other = _createMarket(address(0));
        (, uint32 p0) = _createPoolFunded(marketId, 1_000_000e6);
        (, uint32 p1) = _createPoolFunded(other, 1_000_000e6);
        _buy(marketId, a, 30 days, _one(p0));
        _buy(other, b, 30 days, _one(p1));
        assertEq(markets.tvc(marketId), a);
        assertEq(markets.tvc(other), b);
        assertEq(markets.totalTvc(), a + b);
        // TVC counts cover in force: it drops when the cover's end day comes, although the pools keep the
        // ended cover booked (exposure) until its release delay (the claim window here) has passed.
        uint256 end = block.timestamp + 30 days;
        vm.warp(end + 1 days);
        assertEq(markets.totalTvc(), 0);
        assertEq(Pool(markets.pool(p0)).exposure(marketId), a, "still booked for late claims");
        vm.warp(_releaseTime(end, 30 days));
        assertEq(markets.tvc(marketId), 0);
        assertEq(Pool(markets.pool(p0)).exposure(marketId), 0);
    }

    function _createPoolFunded(uint256 id, uint256 assets) internal returns (address, uint32 poolId) {
        (Pool pool, uint32 pid) = _createPool(id, 5_000);
        _deposit(pool, lp, assets);
        return (address(pool), pid);
    }
}
