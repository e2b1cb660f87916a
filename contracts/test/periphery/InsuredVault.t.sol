// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {PeripheryBase} from "../utils/PeripheryBase.sol";
import {TestGate} from "../utils/TestGate.sol";
import {MockStable} from "../../src/mocks/MockStable.sol";
import {InsuredVault} from "../../src/periphery/InsuredVault.sol";
import {HeldPolicy} from "../../src/periphery/interfaces/IInsuredVault.sol";
import {ICoverManager} from "../../src/interfaces/ICoverManager.sol";
import {IPoolLens} from "../../src/interfaces/IPoolLens.sol";
import {IDepositGate} from "../../src/interfaces/IDepositGate.sol";
import {TriggerState} from "../../src/interfaces/ITrigger.sol";
import {Market} from "../../src/types/Types.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {PeripheryErrors} from "../../src/periphery/libraries/PeripheryErrors.sol";
import {PeripheryEvents} from "../../src/periphery/libraries/PeripheryEvents.sol";

/// @notice `InsuredVault`: gated deposits into the source, keeper-rolled cover paid from yield only, payouts that
/// restore the share price, and every revert path.
contract InsuredVaultTest is PeripheryBase {
    InsuredVault internal vault;
    address internal institution = makeAddr("institution");
    address internal keeper = makeAddr("keeper");
    address internal alice = makeAddr("alice");

    function setUp() public override {
        super.setUp();
        vault = new InsuredVault(yv, ICoverManager(address(cover)), IPoolLens(address(lens)), institution, "Insured yv", "iyv");
        vm.startPrank(institution);
        vault.setCoverConfig(marketId, 10_000, 30 days, 3 days, _pools());
        vault.setKeeper(keeper, true);
        vm.stopPrank();
    }

    function _depositAs(address who, uint256 assets) internal returns (uint256 shares) {
        usdc.mint(who, assets);
        vm.startPrank(who);
        usdc.approve(address(vault), assets);
        shares = vault.deposit(assets, who);
        vm.stopPrank();
    }

    function _earn(uint256 amount) internal {
        usdc.mint(address(yv), amount);
    }

    function _roll() internal returns (uint256 policyId, uint256 premium) {
        vm.prank(keeper);
        return vault.rollCover();
    }

    function test_deposit_goesIntoTheSource(uint256 assets) public {
        assets = bound(assets, 1, 1_000_000e6);
        _depositAs(alice, assets);
        assertEq(usdc.balanceOf(address(vault)), 0);
        assertEq(yv.convertToAssets(yv.balanceOf(address(vault))), assets);
        assertEq(vault.principal(), assets);
        assertEq(vault.totalAssets(), assets);
    }

    function test_rollCover_buysTheTargetFromYield() public {
        _depositAs(alice, 1_000_000e6);
        _earn(50_000e6);
        uint256 principal = vault.principal();
        (uint256 policyId, uint256 premium) = _roll();
        assertGt(premium, 0);
        assertEq(IERC721(address(cover)).ownerOf(policyId), address(vault));
        assertGe(vault.coverageRatio(), 10_000);
        assertEq(vault.principal(), principal, "principal untouched");
        assertGe(vault.totalAssets(), principal);
        assertEq(usdc.allowance(address(vault), address(cover)), 0);
        HeldPolicy[] memory held = vault.policies();
        assertEq(held.length, 1);
        assertEq(held[0].policyId, policyId);
        assertEq(vault.activeCoverage(), held[0].amount);
    }

    function test_rollCover_idempotent() public {
        _depositAs(alice, 1_000_000e6);
        _earn(50_000e6);
        _roll();
        uint256 assets = vault.totalAssets();
        (uint256 policyId, uint256 premium) = _roll();
        assertEq(policyId, 0);
        assertEq(premium, 0);
        assertEq(vault.policies().length, 1);
        assertEq(vault.totalAssets(), assets);
    }

    function test_rollCover_topsUpAfterDeposits() public {
        _depositAs(alice, 1_000_000e6);
        _earn(50_000e6);
        _roll();
        _depositAs(alice, 200_000e6);
        assertLt(vault.coverageRatio(), 10_000);
        _roll();
        assertGe(vault.coverageRatio(), 10_000);
        assertEq(vault.policies().length, 2);
    }

    function test_rollCover_renewsBeforeExpiryAndDropsExpired() public {
        _depositAs(alice, 1_000_000e6);
        _earn(50_000e6);
        (uint256 first,) = _roll();
        skip(27 days + 1); // within renewBefore of the end: no longer counts
        assertEq(vault.coverageRatio(), 0);
        _earn(50_000e6);
        (uint256 second,) = _roll();
        assertGt(second, first);
        assertEq(vault.policies().length, 2);
        skip(3 days);
        vm.expectEmit(true, false, false, false, address(vault));
        emit PeripheryEvents.PolicyExpired(first);
        _roll();
        assertEq(vault.policies().length, 1);
    }

    function test_rollCover_insufficientYield() public {
        _depositAs(alice, 1_000_000e6);
        uint256 premium = lens.quote(marketId, 1_000_000e6, 30 days, _pools()).premium;
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.InsufficientYield.selector, premium, 0));
        _roll();
    }

    function test_rollCover_notKeeper() public {
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.NotKeeper.selector, alice));
        vm.prank(alice);
        vault.rollCover();
    }

    function test_rollCover_notConfigured() public {
        InsuredVault bare = new InsuredVault(yv, ICoverManager(address(cover)), IPoolLens(address(lens)), institution, "x", "x");
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.CoverNotConfigured.selector));
        vm.prank(institution);
        bare.rollCover();
    }

    function test_rollCover_coverNotFilled() public {
        _depositAs(alice, 15_000_000e6); // the two pools can sell 10M on the market
        _earn(1_000_000e6);
        uint256 wanted = vault.totalAssets();
        uint256 filled = lens.quote(marketId, wanted, 30 days, _pools()).filled;
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.CoverNotFilled.selector, wanted, filled));
        _roll();
    }

    function test_rollCover_frozenTriggerRefused() public {
        _depositAs(alice, 1_000_000e6);
        _earn(50_000e6);
        trigger.set(TriggerState.FROZEN);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TriggerNotActive.selector, marketId, TriggerState.FROZEN));
        _roll();
    }

    function test_rollCover_tooManyPolicies() public {
        _depositAs(alice, 100_000e6);
        _earn(1_000_000e6);
        for (uint256 i; i < vault.MAX_POLICIES(); ++i) {
            if (i != 0) _depositAs(alice, 10_000e6);
            _roll();
        }
        assertEq(vault.policies().length, 32);
        _depositAs(alice, 10_000e6);
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.TooManyPolicies.selector, 32));
        _roll();
    }

    function test_payout_restoresSharePriceAfterExploit() public {
        _depositAs(alice, 1_000_000e6);
        _earn(50_000e6);
        (uint256 policyId,) = _roll();
        skip(1 days);
        uint256 priceBefore = vault.convertToAssets(1e12);
        yv.exploit(makeAddr("thief"), usdc.balanceOf(address(yv)) / 2);
        assertLt(vault.convertToAssets(1e12), priceBefore * 6 / 10);
        _fireAndSettle(trigger, marketId);
        vm.expectEmit(true, false, false, true, address(vault));
        emit PeripheryEvents.PayoutReceived(policyId, cover.policy(policyId).amount);
        settlement.claim(policyId);
        assertGe(vault.convertToAssets(1e12), priceBefore, "made whole");
        // alice can leave with at least what she had before the exploit
        uint256 max = vault.maxWithdraw(alice);
        vm.prank(alice);
        vault.withdraw(max, alice, alice);
        assertGe(usdc.balanceOf(alice), 1_000_000e6);
    }

    function test_deposit_gateRefuses() public {
        TestGate g = new TestGate();
        vm.prank(institution);
        vault.setGate(IDepositGate(address(g)));
        usdc.mint(alice, 1_000e6);
        vm.startPrank(alice);
        usdc.approve(address(vault), 1_000e6);
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.DepositNotAllowed.selector, alice, alice));
        vault.deposit(1_000e6, alice);
        vm.stopPrank();
        g.allow(alice, true);
        vm.prank(alice);
        vault.deposit(1_000e6, alice);
        assertEq(vault.principal(), 1_000e6);
    }

    function test_withdraw_reducesPrincipalProRata() public {
        _depositAs(alice, 1_000_000e6);
        _earn(100_000e6);
        vm.prank(alice);
        vault.withdraw(550_000e6, alice, alice); // half of 1.1M
        assertApproxEqAbs(vault.principal(), 500_000e6, 1);
        assertApproxEqAbs(vault.yieldAvailable(), 50_000e6, 2);
    }

    function test_setCoverConfig_assetMismatch() public {
        MockStable dai = new MockStable("Dai", "DAI");
        vm.prank(governance);
        markets.setCoverAsset(address(dai), true);
        Market memory m = _marketParams(address(trigger));
        m.asset = address(dai);
        vm.prank(governance);
        uint256 daiMarket = markets.createMarket(m, "ipfs://dai");
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.AssetMismatch.selector, address(usdc), address(dai)));
        vm.prank(institution);
        vault.setCoverConfig(daiMarket, 10_000, 30 days, 3 days, _pools());
    }

    function test_setCoverConfig_invalidTarget() public {
        vm.startPrank(institution);
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.InvalidCoverageTarget.selector, 0));
        vault.setCoverConfig(marketId, 0, 30 days, 3 days, _pools());
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.InvalidCoverageTarget.selector, 10_001));
        vault.setCoverConfig(marketId, 10_001, 30 days, 3 days, _pools());
        vm.stopPrank();
    }

    function test_setters_onlyOwner() public {
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vault.setCoverConfig(marketId, 10_000, 30 days, 3 days, _pools());
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vault.setKeeper(alice, true);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vault.setGate(IDepositGate(address(0)));
        vm.stopPrank();
    }

    function test_onBackstopPayout_notPayer() public {
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.NotPayer.selector, alice));
        vm.prank(alice);
        vault.onBackstopPayout(1, address(usdc), 1);
    }

    function test_onERC721Received_unexpectedToken() public {
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.UnexpectedToken.selector, alice));
        vm.prank(alice);
        vault.onERC721Received(alice, alice, 1, "");
    }

    function test_onERC721Received_acceptsPolicies() public {
        (uint256 policyId,) = _buy(marketId, 1_000e6, 30 days, _one(poolId));
        vm.prank(buyer);
        IERC721(address(cover)).safeTransferFrom(buyer, address(vault), policyId);
        assertEq(IERC721(address(cover)).ownerOf(policyId), address(vault));
    }

    function test_coverageRatio_emptyVault() public view {
        assertEq(vault.coverageRatio(), type(uint256).max);
        (uint256 id, uint16 target, uint32 period, uint32 renewBefore, uint32[] memory pools) = vault.coverConfig();
        assertEq(id, marketId);
        assertEq(target, 10_000);
        assertEq(period, 30 days);
        assertEq(renewBefore, 3 days);
        assertEq(pools.length, 2);
    }
}
