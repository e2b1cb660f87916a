// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {PeripheryBase} from "../utils/PeripheryBase.sol";
import {MockTrigger} from "../../src/mocks/MockTrigger.sol";
import {ProtectionFactory} from "../../src/periphery/ProtectionFactory.sol";
import {ProtectionSeries} from "../../src/periphery/ProtectionSeries.sol";
import {ICoverManager} from "../../src/interfaces/ICoverManager.sol";
import {TriggerState} from "../../src/interfaces/ITrigger.sol";
import {Market, PayoutMode} from "../../src/types/Types.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {PeripheryErrors} from "../../src/periphery/libraries/PeripheryErrors.sol";

/// @notice Protection series: deterministic creation, locked lots, maturation, the buy-after-incident attack,
/// exact pro rata redemption, and every revert path.
contract ProtectionSeriesTest is PeripheryBase {
    ProtectionFactory internal factory_;
    ProtectionSeries internal series;
    MockTrigger internal mt;
    uint256 internal mid;
    uint256 internal expiry;
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal mallory = makeAddr("mallory");

    function setUp() public override {
        super.setUp();
        mt = new MockTrigger();
        Market memory m = _marketParams(address(mt));
        m.deductibleBps = 0;
        m.payoutMode = PayoutMode.BINARY;
        vm.prank(governance);
        mid = markets.createMarket(m, "ipfs://terms");
        _curatorApply(address(pool), abi.encodeCall(pool.setMarketConfig, (mid, 5_000, _curve(), false)));
        _curatorApply(address(pool2), abi.encodeCall(pool2.setMarketConfig, (mid, 5_000, _curve(), false)));
        factory_ = new ProtectionFactory(ICoverManager(address(cover)));
        expiry = (block.timestamp / 1 days + 60) * 1 days;
        series = ProtectionSeries(factory_.createSeries(mid, expiry));
        for (uint256 i; i < 3; ++i) {
            address who = [alice, bob, mallory][i];
            usdc.mint(who, 1_000_000e6);
            vm.prank(who);
            usdc.approve(address(series), type(uint256).max);
        }
    }

    function _mint(address who, uint256 amount) internal returns (uint256 policyId) {
        vm.prank(who);
        policyId = series.mint(amount, _pools(), 100_000e6);
    }

    function _mature(uint256 policyId) internal {
        (, uint256 maturesAt) = series.lot(policyId);
        if (block.timestamp <= maturesAt) vm.warp(maturesAt + 1);
        series.resolve(policyId);
    }

    function test_createSeries_deterministic() public view {
        assertEq(address(series), factory_.seriesAddress(mid, expiry));
        assertEq(factory_.seriesOf(mid, expiry), address(series));
        assertEq(series.expiry(), expiry);
        assertEq(series.marketId(), mid);
        assertEq(series.decimals(), 6);
    }

    function test_createSeries_exists() public {
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.SeriesExists.selector, mid, expiry));
        factory_.createSeries(mid, expiry);
    }

    function test_createSeries_notParametric() public {
        uint256 assessed = _createMarket(address(0));
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.NotParametric.selector, assessed));
        factory_.createSeries(assessed, expiry);
    }

    function test_createSeries_invalidExpiry() public {
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.InvalidExpiry.selector, expiry + 1));
        factory_.createSeries(mid, expiry + 1);
        uint256 past = (block.timestamp / 1 days) * 1 days;
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.InvalidExpiry.selector, past));
        factory_.createSeries(mid, past);
    }

    function test_factory_zeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.ZeroAddress.selector));
        new ProtectionFactory(ICoverManager(address(0)));
    }

    function test_mint_locksTokensAndHoldsThePolicy(uint256 amount) public {
        amount = bound(amount, 1e6, 1_000_000e6);
        uint256 before = usdc.balanceOf(alice);
        uint256 policyId = _mint(alice, amount);
        assertEq(series.balanceOf(alice), amount);
        assertEq(series.locked(alice), amount);
        assertEq(IERC721(address(cover)).ownerOf(policyId), address(series));
        assertEq(cover.policy(policyId).end, expiry, "cover ends at expiry");
        assertLt(usdc.balanceOf(alice), before);
        assertEq(usdc.balanceOf(address(series)), 0, "premium change refunded");
        assertEq(usdc.allowance(address(series), address(cover)), 0);
    }

    function test_mint_zeroAmount() public {
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.ZeroAmount.selector));
        _mint(alice, 0);
    }

    function test_mint_frozenTriggerRefused() public {
        mt.setFrozen(true);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TriggerNotActive.selector, mid, TriggerState.FROZEN));
        _mint(alice, 1_000e6);
    }

    function test_mint_tooCloseToExpiry() public {
        vm.warp(expiry - 6 days);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.PeriodOutOfBounds.selector, 6 days, 7 days, 365 days));
        _mint(alice, 1_000e6);
    }

    function test_transfer_beforeMaturityRefused() public {
        _mint(alice, 1_000e6);
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.TokensLocked.selector, alice, 0, 1_000e6));
        vm.prank(alice);
        series.transfer(bob, 1_000e6);
    }

    function test_resolve_unlocksAfterMaturity() public {
        uint256 policyId = _mint(alice, 1_000e6);
        (address holder, uint256 maturesAt) = series.lot(policyId);
        assertEq(holder, alice);
        assertEq(maturesAt, block.timestamp + 7 days);
        _mature(policyId);
        assertEq(series.locked(alice), 0);
        vm.prank(alice);
        series.transfer(bob, 400e6);
        assertEq(series.balanceOf(bob), 400e6);
    }

    function test_resolve_notMature() public {
        uint256 policyId = _mint(alice, 1_000e6);
        uint256 maturesAt = block.timestamp + 7 days;
        vm.warp(maturesAt);
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.LotNotMature.selector, policyId, maturesAt));
        series.resolve(policyId);
    }

    function test_resolve_unknownLot() public {
        uint256 policyId = _mint(alice, 1_000e6);
        _mature(policyId);
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.UnknownLot.selector, policyId));
        series.resolve(policyId);
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.UnknownLot.selector, 999));
        series.resolve(999);
    }

    function test_resolve_frozenTrigger() public {
        uint256 policyId = _mint(alice, 1_000e6);
        skip(7 days + 1);
        mt.setFrozen(true);
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.TriggerFrozen.selector, mid));
        series.resolve(policyId);
    }

    /// @dev The attack: an incident is under way (known off-chain) before the trigger fires; mallory buys
    /// protection then. Her tokens cannot move until they are resolved, and resolving burns them.
    function test_buyAfterIncident_cannotSellOrDilute() public {
        uint256 a = _mint(alice, 10_000e6);
        skip(2 days);
        uint256 incidentTime = block.timestamp;
        skip(1 hours);
        uint256 m = _mint(mallory, 50_000e6);
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.TokensLocked.selector, mallory, 0, 50_000e6));
        vm.prank(mallory);
        series.transfer(bob, 50_000e6);
        skip(1 hours);
        mt.fire(incidentTime, 1e18);
        settlement.settle(mid);
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.TokensLocked.selector, mallory, 0, 50_000e6));
        vm.prank(mallory);
        series.transfer(bob, 50_000e6);
        _mature(m);
        assertEq(series.balanceOf(mallory), 0, "burned: her policy started after the incident");
        _mature(a);
        assertTrue(series.collect(10));
        assertEq(series.eligibleOutstanding(), 10_000e6);
        vm.prank(alice);
        assertEq(series.redeem(10_000e6), 10_000e6, "alice is paid in full, undiluted");
    }

    function test_redeem_proRataExact(uint256 x, uint256 y, uint256 z) public {
        x = bound(x, 1, 300_000e6);
        y = bound(y, 1, 300_000e6);
        z = bound(z, 0, y);
        uint256 a = _mint(alice, x);
        uint256 b = _mint(bob, y);
        _mature(a);
        _mature(b);
        vm.prank(bob);
        series.transfer(mallory, z);
        mt.fire(block.timestamp - 1, 1e18);
        settlement.settle(mid);
        assertTrue(series.collect(type(uint256).max));
        uint256 pot = usdc.balanceOf(address(series));
        assertEq(pot, x + y);
        uint256 supply = series.totalSupply();
        uint256 pm;
        if (z != 0) {
            vm.prank(mallory);
            pm = series.redeem(z);
        }
        assertEq(pm, z * pot / supply);
        vm.prank(alice);
        assertEq(series.redeem(x), x * (pot - pm) / (supply - z));
        if (y > z) {
            vm.prank(bob);
            series.redeem(y - z);
        }
        assertEq(usdc.balanceOf(address(series)), 0, "nothing stranded");
        assertEq(series.totalSupply(), 0);
    }

    function test_redeem_lockedTokensRefusedUntilResolved() public {
        _mint(alice, 1_000e6);
        uint256 b = _mint(bob, 2_000e6);
        skip(1 hours);
        mt.fire(block.timestamp - 1, 1e18);
        settlement.settle(mid);
        series.collect(10);
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.TokensLocked.selector, bob, 0, 2_000e6));
        vm.prank(bob);
        series.redeem(2_000e6);
        _mature(b);
        vm.prank(bob);
        assertEq(series.redeem(2_000e6), 2_000e6);
    }

    function test_redeem_worthlessAfterExpiry() public {
        uint256 a = _mint(alice, 1_000e6);
        _mature(a);
        vm.warp(expiry + 1 days);
        mt.fire(block.timestamp - 1, 1e18);
        settlement.settle(mid);
        series.collect(10);
        assertEq(series.eligibleOutstanding(), 0);
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.NotEligible.selector, 1_000e6, 0));
        vm.prank(alice);
        series.redeem(1_000e6);
    }

    function test_redeem_notCollected() public {
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.NotCollected.selector));
        vm.prank(alice);
        series.redeem(1);
    }

    function test_redeem_zeroAmount() public {
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.ZeroAmount.selector));
        series.redeem(0);
    }

    function test_collect_notSettled() public {
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.NotSettled.selector, mid));
        series.collect(1);
    }

    function test_collect_inBatches() public {
        _mint(alice, 1_000e6);
        _mint(bob, 2_000e6);
        _mint(alice, 3_000e6);
        skip(1 hours);
        mt.fire(block.timestamp - 1, 1e18);
        settlement.settle(mid);
        assertFalse(series.collect(2));
        assertFalse(series.collected());
        assertTrue(series.collect(2));
        assertTrue(series.collect(2), "idempotent once done");
        assertEq(series.eligibleOutstanding(), 6_000e6);
        assertEq(usdc.balanceOf(address(series)), 6_000e6);
    }
}
