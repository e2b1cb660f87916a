// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {Markets} from "../../src/Markets.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../src/libraries/EventsLib.sol";
import {Market, MarketStatus, ClaimMode} from "../../src/types/Types.sol";

/// @notice Every governance, guardian, oracle and module entry point of the registry, with every revert.
contract MarketAdminTest is BaseTest {
    uint256 internal marketId;

    function setUp() public override {
        super.setUp();
        marketId = _createMarket(address(0));
    }

    function _expectCreateRevert(Market memory m, bytes memory err) internal {
        uint256 count = markets.marketCount();
        vm.expectRevert(err);
        vm.prank(governance);
        markets.createMarket(m, "");
        assertEq(markets.marketCount(), count);
    }

    function _reason(bytes32 r) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(ErrorsLib.InvalidMarketParams.selector, r);
    }

    /* constructor / setModules */

    function test_constructor_zeroTreasury() public {
        vm.expectRevert(ErrorsLib.ZeroAddress.selector);
        new Markets(address(manager), address(0));
    }

    function test_setModules_onlyOnce() public {
        vm.expectRevert(ErrorsLib.AlreadySet.selector);
        vm.prank(governance);
        markets.setModules(address(1), address(2), address(3), address(4));
        assertEq(markets.coverManager(), address(cover));
    }

    function test_setModules_zeroAddress(uint8 which) public {
        Markets fresh = new Markets(address(manager), treasury);
        bytes4[] memory sel = new bytes4[](1);
        sel[0] = Markets.setModules.selector;
        manager.setTargetFunctionRole(address(fresh), sel, GOVERNANCE_ROLE);
        address[4] memory mods = [address(1), address(2), address(3), address(4)];
        mods[bound(which, 0, 3)] = address(0);
        vm.expectRevert(ErrorsLib.ZeroAddress.selector);
        vm.prank(governance);
        fresh.setModules(mods[0], mods[1], mods[2], mods[3]);
        assertEq(fresh.coverManager(), address(0));
    }

    function test_setModules_unauthorized(address caller) public {
        vm.assume(caller != governance);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
        vm.prank(caller);
        markets.setModules(address(1), address(2), address(3), address(4));
    }

    /* createMarket */

    function test_createMarket_storesEverything() public {
        Market memory p = _marketParams(address(0));
        p.deductibleBps = 2_500;
        p.maturationDelay = 3 days;
        p.groups = uint64(3);
        vm.expectEmit(true, true, true, true, address(markets));
        emit EventsLib.MarketCreated(2, address(usdc), address(0), 3);
        vm.prank(governance);
        uint256 id = markets.createMarket(p, "ipfs://x");
        assertEq(id, 2);
        Market memory m = markets.market(id);
        assertEq(uint8(m.status), uint8(MarketStatus.ACTIVE));
        assertEq(m.deductibleBps, 2_500);
        assertEq(m.maturationDelay, 3 days);
        assertEq(m.groups, 3);
        assertEq(m.rateUpdatedAt, block.timestamp);
        assertEq(m.fastTrackLimit, p.fastTrackLimit);
        assertEq(markets.termsURI(id), "ipfs://x");
        assertEq(markets.marketCount(), 2);
    }

    function test_createMarket_ignoresCallerStatus() public {
        Market memory p = _marketParams(address(0));
        p.status = MarketStatus.RETIRED;
        vm.prank(governance);
        uint256 id = markets.createMarket(p, "");
        assertEq(uint8(markets.marketStatus(id)), uint8(MarketStatus.ACTIVE));
    }

    function test_createMarket_unauthorized(address caller) public {
        vm.assume(caller != governance);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
        vm.prank(caller);
        markets.createMarket(_marketParams(address(0)), "");
    }

    function test_createMarket_assetNotAllowed(address asset) public {
        vm.assume(asset != address(usdc));
        Market memory m = _marketParams(address(0));
        m.asset = asset;
        _expectCreateRevert(m, abi.encodeWithSelector(ErrorsLib.AssetNotAllowed.selector, asset));
    }

    function test_createMarket_noGroups() public {
        Market memory m = _marketParams(address(0));
        m.groups = 0;
        _expectCreateRevert(m, _reason("groups"));
    }

    function test_createMarket_unknownGroup() public {
        Market memory m = _marketParams(address(0));
        m.groups = uint64(1) << 5 | 1;
        _expectCreateRevert(m, abi.encodeWithSelector(ErrorsLib.UnknownGroup.selector, 5));
    }

    function test_createMarket_deductibleTooHigh(uint16 d) public {
        d = uint16(bound(d, 5_001, type(uint16).max));
        Market memory m = _marketParams(address(0));
        m.deductibleBps = d;
        _expectCreateRevert(m, _reason("deductibleBps"));
    }

    function test_createMarket_badPeriods(uint32 minP, uint32 maxP) public {
        Market memory m = _marketParams(address(0));
        bool ok = minP >= 1 days && minP <= maxP && maxP <= 730 days;
        vm.assume(!ok);
        m.minPeriod = minP;
        m.maxPeriod = maxP;
        _expectCreateRevert(m, _reason("period"));
    }

    function test_createMarket_maturationDelayTooLong(uint32 d) public {
        d = uint32(bound(d, 30 days + 1, type(uint32).max));
        Market memory m = _marketParams(address(0));
        m.maturationDelay = d;
        _expectCreateRevert(m, _reason("maturationDelay"));
    }

    function test_createMarket_badClaimWindow(uint32 w) public {
        vm.assume(w < 1 days || w > 365 days);
        Market memory m = _marketParams(address(0));
        m.claimWindow = w;
        _expectCreateRevert(m, _reason("claimWindow"));
    }

    function test_createMarket_parametricNeedsTrigger() public {
        Market memory m = _marketParams(address(0));
        m.claimMode = ClaimMode.PARAMETRIC;
        _expectCreateRevert(m, _reason("trigger"));
    }

    function test_createMarket_assessedHasNoTrigger() public {
        Market memory m = _marketParams(address(0));
        m.trigger = address(0xbeef);
        _expectCreateRevert(m, _reason("trigger"));
    }

    function test_createMarket_baseRateOutOfBounds(uint32 rate) public {
        Market memory m = _marketParams(address(0));
        vm.assume(rate < m.minBaseRateBps || rate > m.maxBaseRateBps);
        m.baseRateBps = rate;
        _expectCreateRevert(
            m,
            abi.encodeWithSelector(ErrorsLib.BaseRateOutOfBounds.selector, rate, m.minBaseRateBps, m.maxBaseRateBps)
        );
    }

    /* status */

    function test_pauseMarket_unknownMarket(uint256 id) public {
        vm.assume(id == 0 || id > markets.marketCount());
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, id));
        vm.prank(guardian);
        markets.pauseMarket(id);
    }

    function test_pauseMarket_emitsAndStopsCover() public {
        vm.expectEmit(true, true, true, true, address(markets));
        emit EventsLib.MarketStatusChanged(marketId, MarketStatus.PAUSED);
        vm.prank(guardian);
        markets.pauseMarket(marketId);
        assertEq(uint8(markets.marketStatus(marketId)), uint8(MarketStatus.PAUSED));
    }

    function test_pauseMarket_unauthorized(address caller) public {
        vm.assume(caller != guardian && caller != governance);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
        vm.prank(caller);
        markets.pauseMarket(marketId);
    }

    function test_pauseMarket_notActive() public {
        vm.startPrank(governance);
        markets.pauseMarket(marketId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ErrorsLib.InvalidStatusTransition.selector, marketId, MarketStatus.PAUSED, MarketStatus.PAUSED
            )
        );
        markets.pauseMarket(marketId);
        vm.stopPrank();
    }

    function test_unpauseMarket_notPaused() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ErrorsLib.InvalidStatusTransition.selector, marketId, MarketStatus.ACTIVE, MarketStatus.ACTIVE
            )
        );
        vm.prank(governance);
        markets.unpauseMarket(marketId);
    }

    function test_unpauseMarket_unknownMarket() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, 99));
        vm.prank(governance);
        markets.unpauseMarket(99);
    }

    function test_retireMarket_fromRetired() public {
        vm.startPrank(governance);
        markets.retireMarket(marketId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ErrorsLib.InvalidStatusTransition.selector, marketId, MarketStatus.RETIRED, MarketStatus.RETIRED
            )
        );
        markets.retireMarket(marketId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ErrorsLib.InvalidStatusTransition.selector, marketId, MarketStatus.RETIRED, MarketStatus.PAUSED
            )
        );
        markets.pauseMarket(marketId);
        vm.stopPrank();
    }

    function test_retireMarket_unknownMarket() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, 0));
        vm.prank(governance);
        markets.retireMarket(0);
    }

    function test_markTriggered_onlySettlement(address caller) public {
        vm.assume(caller != address(settlement));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, caller));
        vm.prank(caller);
        markets.markTriggered(marketId);
        assertEq(uint8(markets.marketStatus(marketId)), uint8(MarketStatus.ACTIVE));
    }

    function test_markTriggered_twice() public {
        vm.startPrank(address(settlement));
        markets.markTriggered(marketId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ErrorsLib.InvalidStatusTransition.selector, marketId, MarketStatus.TRIGGERED, MarketStatus.TRIGGERED
            )
        );
        markets.markTriggered(marketId);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, 42));
        markets.markTriggered(42);
        vm.stopPrank();
    }

    function test_pause_guardianPausesGovernanceUnpauses() public {
        vm.expectEmit(true, true, true, true, address(markets));
        emit EventsLib.PausedSet(true);
        vm.prank(guardian);
        markets.pause();
        assertTrue(markets.coverTerms(marketId).paused);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, guardian));
        vm.prank(guardian);
        markets.unpause();
        vm.prank(governance);
        markets.unpause();
        assertFalse(markets.coverTerms(marketId).paused);
    }

    function test_pause_unauthorized(address caller) public {
        vm.assume(caller != guardian && caller != governance);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
        vm.prank(caller);
        markets.pause();
    }

    /* rates */

    function test_setBaseRate_unknownMarket() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, 7));
        vm.prank(riskOracle);
        markets.setBaseRate(7, 200);
    }

    function test_setRateBounds_rateOutside(uint32 minBps, uint32 maxBps, uint32 rate) public {
        vm.assume(rate < minBps || rate > maxBps);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.BaseRateOutOfBounds.selector, rate, minBps, maxBps));
        vm.prank(governance);
        markets.setRateBounds(marketId, minBps, maxBps, 10, rate);
        assertEq(markets.market(marketId).baseRateBps, 200);
    }

    function test_setRateBounds_unknownMarketAndUnauthorized() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, 9));
        vm.prank(governance);
        markets.setRateBounds(9, 0, 100, 10, 50);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, riskOracle));
        vm.prank(riskOracle);
        markets.setRateBounds(marketId, 0, 100, 10, 50);
    }

    /* groups, assets, protocol params */

    function test_createGroup_zeroName() public {
        uint8 count = markets.groupCount();
        vm.expectRevert(_reason("groupName"));
        vm.prank(governance);
        markets.createGroup(bytes32(0));
        assertEq(markets.groupCount(), count);
    }

    function test_createGroup_storesName() public {
        vm.prank(governance);
        uint8 id = markets.createGroup("chainlink");
        assertEq(markets.groupName(id), "chainlink");
    }

    function test_setCoverAsset_zeroAddress() public {
        vm.expectRevert(ErrorsLib.ZeroAddress.selector);
        vm.prank(governance);
        markets.setCoverAsset(address(0), true);
    }

    function test_setCoverAsset_toggles(address asset) public {
        vm.assume(asset != address(0));
        vm.prank(governance);
        markets.setCoverAsset(asset, true);
        assertTrue(markets.isCoverAsset(asset));
        vm.prank(governance);
        markets.setCoverAsset(asset, false);
        assertFalse(markets.isCoverAsset(asset));
    }

    function test_setProtocolParams_zeroTreasury() public {
        vm.expectRevert(ErrorsLib.ZeroAddress.selector);
        vm.prank(governance);
        markets.setProtocolParams(address(0), 100, 100);
    }

    function test_setProtocolParams_feeTooHigh(uint16 fee) public {
        fee = uint16(bound(fee, 2_001, type(uint16).max));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.FeeTooHigh.selector, fee, 2_000));
        vm.prank(governance);
        markets.setProtocolParams(treasury, fee, 100);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.FeeTooHigh.selector, fee, 2_000));
        vm.prank(governance);
        markets.setProtocolParams(treasury, 100, fee);
        (, uint16 protocolFee, uint16 cap) = markets.protocolParams();
        assertEq(protocolFee, 500);
        assertEq(cap, 1_000);
    }

    function test_setProtocolParams_sets(address t, uint16 fee, uint16 cap) public {
        vm.assume(t != address(0));
        fee = uint16(bound(fee, 0, 2_000));
        cap = uint16(bound(cap, 0, 2_000));
        vm.expectEmit(true, true, true, true, address(markets));
        emit EventsLib.ProtocolParamsSet(t, fee, cap);
        vm.prank(governance);
        markets.setProtocolParams(t, fee, cap);
        assertEq(markets.treasury(), t);
    }

    /* modules */

    function test_registerPool_onlyFactory(address caller) public {
        vm.assume(caller != address(factory));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, caller));
        vm.prank(caller);
        markets.registerPool(address(1), address(2));
        assertEq(markets.poolCount(), 0);
    }

    function test_addMarketPool_onlyRegisteredPools(address caller) public {
        vm.assume(markets.poolIdPlusOne(caller) == 0);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, caller));
        vm.prank(caller);
        markets.addMarketPool(marketId);
    }

    function test_addMarketPool_unknownMarket() public {
        vm.prank(address(factory));
        markets.registerPool(address(0xabc), curator);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, 77));
        vm.prank(address(0xabc));
        markets.addMarketPool(77);
    }

    function test_addMarketPool_atMost32PoolsPerMarket() public {
        for (uint256 i; i < 33; ++i) {
            address p = address(uint160(0x1000 + i));
            vm.prank(address(factory));
            markets.registerPool(p, curator);
            if (i == 32) vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TooManyPools.selector, 32));
            vm.prank(p);
            markets.addMarketPool(marketId);
        }
        assertEq(markets.marketPools(marketId).length, 32);
    }

    function test_views_unknownIds() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, 5));
        markets.market(5);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, 5));
        markets.termsURI(5);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, 5));
        markets.coverTerms(5);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownPool.selector, 0));
        markets.pool(0);
        assertEq(uint8(markets.marketStatus(5)), uint8(MarketStatus.NONE));
    }

    /// Every restricted registry function refuses a caller without the role.
    function test_restricted_unauthorizedCaller(address caller) public {
        vm.assume(caller != governance && caller != guardian && caller != riskOracle && caller != address(this));
        vm.warp(block.timestamp + 1 days);
        bytes[] memory calls = new bytes[](12);
        calls[0] = abi.encodeCall(Markets.createMarket, (_marketParams(address(0)), ""));
        calls[1] = abi.encodeCall(Markets.pauseMarket, (marketId));
        calls[2] = abi.encodeCall(Markets.unpauseMarket, (marketId));
        calls[3] = abi.encodeCall(Markets.retireMarket, (marketId));
        calls[4] = abi.encodeCall(Markets.pause, ());
        calls[5] = abi.encodeCall(Markets.unpause, ());
        calls[6] = abi.encodeCall(Markets.setBaseRate, (marketId, 210));
        calls[7] = abi.encodeCall(Markets.setRateBounds, (marketId, 0, 100, 10, 50));
        calls[8] = abi.encodeCall(Markets.createGroup, ("g"));
        calls[9] = abi.encodeCall(Markets.setCoverAsset, (address(1), true));
        calls[10] = abi.encodeCall(Markets.setProtocolParams, (caller, 0, 0));
        calls[11] = abi.encodeCall(Markets.setModules, (address(1), address(2), address(3), address(4)));
        for (uint256 i; i < calls.length; ++i) {
            vm.prank(caller);
            (bool ok, bytes memory ret) = address(markets).call(calls[i]);
            assertFalse(ok);
            assertEq(ret, abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
        }
        assertEq(markets.marketCount(), 1);
        assertEq(uint8(markets.marketStatus(marketId)), uint8(MarketStatus.ACTIVE));
    }

    /// The risk oracle moves base rates and nothing else.
    function test_restricted_riskOracleOnlyMovesRates() public {
        vm.startPrank(riskOracle);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, riskOracle));
        markets.pauseMarket(marketId);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, riskOracle));
        markets.createGroup("g");
        vm.warp(block.timestamp + 1 days);
        markets.setBaseRate(marketId, 250);
        vm.stopPrank();
        assertEq(markets.market(marketId).baseRateBps, 250);
    }
}
