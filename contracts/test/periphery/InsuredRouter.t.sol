// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {PeripheryBase} from "../utils/PeripheryBase.sol";
import {YieldVault, ReentrantVault, StingyVault, Shareless, Misdirecting, ReentrantToken} from "../utils/PeripheryMocks.sol";
import {MockStable} from "../../src/mocks/MockStable.sol";
import {InsuredRouter} from "../../src/periphery/InsuredRouter.sol";
import {IInsuredRouter, InsuredDepositParams, PermitData} from "../../src/periphery/interfaces/IInsuredRouter.sol";
import {ICoverManager} from "../../src/interfaces/ICoverManager.sol";
import {TriggerState} from "../../src/interfaces/ITrigger.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {PeripheryErrors} from "../../src/periphery/libraries/PeripheryErrors.sol";

/// @notice `InsuredRouter`: deposit + cover in one call, permits, and every adversarial path; after each call the
/// router holds no token, no share, no policy and no allowance.
contract InsuredRouterTest is PeripheryBase {
    InsuredRouter internal router;
    uint256 internal userKey = 0xA11CE;
    address internal user;

    function setUp() public override {
        super.setUp();
        router = new InsuredRouter(ICoverManager(address(cover)));
        user = vm.addr(userKey);
        usdc.mint(user, 10_000_000e6);
        vm.prank(user);
        usdc.approve(address(router), type(uint256).max);
    }

    function _params(IERC4626 vault, uint256 assets) internal view returns (InsuredDepositParams memory) {
        return InsuredDepositParams({
            vault: vault,
            assets: assets,
            minShares: 0,
            marketId: marketId,
            coverAmount: 0,
            period: 30 days,
            pools: _pools(),
            maxPremium: 100_000e6,
            integrator: address(0),
            commissionBps: 0
        });
    }

    function _assertRouterEmpty(address vault) internal view {
        assertEq(usdc.balanceOf(address(router)), 0, "router usdc");
        assertEq(usdc.allowance(address(router), address(cover)), 0, "cover allowance");
        assertEq(usdc.allowance(address(router), vault), 0, "vault allowance");
        assertEq(IERC20(vault).balanceOf(address(router)), 0, "router shares");
        assertEq(cover.balanceOf(address(router)), 0, "router policies");
    }

    function test_insuredDeposit_depositsAndCoversThePosition(uint256 assets) public {
        assets = bound(assets, 1e6, 1_000_000e6);
        usdc.mint(lp, 1_000_000e6);
        vm.startPrank(lp);
        usdc.approve(address(yv), 1_000_000e6);
        yv.deposit(1_000_000e6, lp);
        vm.stopPrank();
        usdc.mint(address(yv), 1_000e6); // the vault has earned: shares are worth more than 1:1
        uint256 before = usdc.balanceOf(user);
        vm.prank(user);
        (uint256 shares, uint256 policyId, uint256 premium) = router.insuredDeposit(_params(yv, assets));
        assertEq(yv.balanceOf(user), shares);
        assertEq(IERC721(address(cover)).ownerOf(policyId), user);
        assertEq(cover.policy(policyId).amount, yv.convertToAssets(shares));
        assertEq(usdc.balanceOf(user), before - assets - premium, "exact premium, the rest refunded");
        _assertRouterEmpty(address(yv));
    }

    function test_insuredDeposit_explicitCoverAmount() public {
        InsuredDepositParams memory p = _params(yv, 1_000e6);
        p.coverAmount = 5_000e6;
        vm.prank(user);
        (, uint256 policyId,) = router.insuredDeposit(p);
        assertEq(cover.policy(policyId).amount, 5_000e6);
        _assertRouterEmpty(address(yv));
    }

    function test_insuredDeposit_paysCommissionWithinMaxPremium() public {
        InsuredDepositParams memory p = _params(yv, 10_000e6);
        p.integrator = integrator;
        p.commissionBps = 500;
        uint256 before = usdc.balanceOf(user);
        vm.prank(user);
        (,, uint256 premium) = router.insuredDeposit(p);
        uint256 commission = premium * 500 / 10_000;
        assertEq(usdc.balanceOf(integrator), commission);
        assertEq(usdc.balanceOf(user), before - 10_000e6 - premium - commission);
        _assertRouterEmpty(address(yv));
    }

    function test_insuredDeposit_strayTokensNeverGoToCaller() public {
        usdc.mint(address(router), 777e6); // sent by mistake
        uint256 before = usdc.balanceOf(user);
        vm.prank(user);
        (,, uint256 premium) = router.insuredDeposit(_params(yv, 1_000e6));
        assertEq(usdc.balanceOf(user), before - 1_000e6 - premium);
        assertEq(usdc.balanceOf(address(router)), 777e6);
    }

    function test_insuredDeposit_zeroAmount() public {
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.ZeroAmount.selector));
        vm.prank(user);
        router.insuredDeposit(_params(yv, 0));
    }

    function test_insuredDeposit_sharesBelowMinimum() public {
        InsuredDepositParams memory p = _params(yv, 1_000e6);
        uint256 shares = yv.previewDeposit(1_000e6);
        p.minShares = shares + 1;
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.SharesBelowMinimum.selector, shares, shares + 1));
        vm.prank(user);
        router.insuredDeposit(p);
    }

    function test_insuredDeposit_sharelessVaultRefused() public {
        Shareless v = new Shareless(IERC20(address(usdc)));
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.SharesBelowMinimum.selector, 0, 0));
        vm.prank(user);
        router.insuredDeposit(_params(v, 1_000e6));
    }

    function test_insuredDeposit_misdirectedSharesRefused() public {
        Misdirecting v = new Misdirecting(IERC20(address(usdc)), makeAddr("thief"));
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.SharesBelowMinimum.selector, 0, 0));
        vm.prank(user);
        router.insuredDeposit(_params(v, 1_000e6));
    }

    function test_insuredDeposit_vaultLeavingAssetsRefused() public {
        StingyVault v = new StingyVault(IERC20(address(usdc)));
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.DepositNotPulled.selector, 1_000e6, 500e6));
        vm.prank(user);
        router.insuredDeposit(_params(v, 1_000e6));
    }

    function test_insuredDeposit_assetMismatch() public {
        MockStable dai = new MockStable("Dai", "DAI");
        YieldVault v = new YieldVault(IERC20(address(dai)));
        dai.mint(user, 1_000e6);
        vm.prank(user);
        dai.approve(address(router), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.AssetMismatch.selector, address(dai), address(usdc)));
        vm.prank(user);
        router.insuredDeposit(_params(v, 1_000e6));
    }

    function test_insuredDeposit_otherAssetWithExplicitCover() public {
        MockStable dai = new MockStable("Dai", "DAI");
        YieldVault v = new YieldVault(IERC20(address(dai)));
        dai.mint(user, 1_000e6);
        vm.prank(user);
        dai.approve(address(router), type(uint256).max);
        InsuredDepositParams memory p = _params(v, 1_000e6);
        p.coverAmount = 1_000e6;
        vm.prank(user);
        (uint256 shares,,) = router.insuredDeposit(p);
        assertEq(v.balanceOf(user), shares);
        assertEq(dai.balanceOf(address(router)), 0);
        assertEq(dai.allowance(address(router), address(v)), 0);
        _assertRouterEmpty(address(v));
    }

    function test_insuredDeposit_reentrantVaultRefused() public {
        ReentrantVault v = new ReentrantVault(IERC20(address(usdc)), router);
        v.arm(_params(yv, 1_000e6));
        vm.expectRevert(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
        vm.prank(user);
        router.insuredDeposit(_params(v, 1_000e6));
    }

    function test_insuredDeposit_reentrantTokenRefused() public {
        ReentrantToken evil = new ReentrantToken(router);
        YieldVault v = new YieldVault(IERC20(address(evil)));
        evil.mint(user, 1_000e6);
        vm.prank(user);
        evil.approve(address(router), type(uint256).max);
        InsuredDepositParams memory p = _params(v, 1_000e6);
        p.coverAmount = 1_000e6;
        evil.arm(_params(yv, 1_000e6));
        vm.expectRevert(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
        vm.prank(user);
        router.insuredDeposit(p);
    }

    function test_insuredDeposit_frozenTriggerRefused() public {
        trigger.set(TriggerState.FROZEN);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TriggerNotActive.selector, marketId, TriggerState.FROZEN));
        vm.prank(user);
        router.insuredDeposit(_params(yv, 1_000e6));
    }

    /// @dev The approval is exactly maxPremium, so a premium above it fails at the cover manager's first pull.
    function test_insuredDeposit_premiumAboveBoundLeavesNothing() public {
        InsuredDepositParams memory p = _params(yv, 100_000e6);
        p.maxPremium = 1;
        uint256 before = usdc.balanceOf(user);
        uint256 premium = lens.quote(marketId, yv.previewDeposit(100_000e6), 30 days, _pools()).premium;
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(cover), 1, premium));
        vm.prank(user);
        router.insuredDeposit(p);
        assertEq(usdc.balanceOf(user), before);
        _assertRouterEmpty(address(yv));
    }

    function test_insuredDeposit_premiumTooHighWithCommission() public {
        InsuredDepositParams memory p = _params(yv, 100_000e6);
        uint256 premium = lens.quote(marketId, yv.previewDeposit(100_000e6), 30 days, _pools()).premium;
        p.maxPremium = premium;
        p.integrator = integrator;
        p.commissionBps = 500;
        uint256 before = usdc.balanceOf(user);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.PremiumTooHigh.selector, premium + premium * 500 / 10_000, premium));
        vm.prank(user);
        router.insuredDeposit(p);
        assertEq(usdc.balanceOf(user), before);
        _assertRouterEmpty(address(yv));
    }

    function test_insuredDepositWithPermit_noPriorApproval() public {
        vm.prank(user);
        usdc.approve(address(router), 0);
        InsuredDepositParams memory p = _params(yv, 1_000e6);
        uint256 value = p.assets + p.maxPremium;
        PermitData memory permit = _sign(address(router), value, block.timestamp + 1 hours);
        uint256 before = usdc.balanceOf(user);
        vm.prank(user);
        (uint256 shares, uint256 policyId, uint256 premium) =
            router.insuredDepositWithPermit(p, permit, PermitData(0, 0, 0, 0, 0));
        assertEq(yv.balanceOf(user), shares);
        assertEq(IERC721(address(cover)).ownerOf(policyId), user);
        assertEq(usdc.balanceOf(user), before - 1_000e6 - premium);
        assertEq(usdc.allowance(user, address(router)), 0, "the permit was spent exactly, then refunded");
        _assertRouterEmpty(address(yv));
    }

    function test_insuredDepositWithPermit_frontRunPermitIgnored() public {
        InsuredDepositParams memory p = _params(yv, 1_000e6);
        PermitData memory permit = _sign(address(router), p.assets + p.maxPremium, block.timestamp + 1 hours);
        usdc.permit(user, address(router), permit.value, permit.deadline, permit.v, permit.r, permit.s);
        vm.prank(user);
        router.insuredDepositWithPermit(p, permit, permit);
        _assertRouterEmpty(address(yv));
    }

    function test_constructor_zeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.ZeroAddress.selector));
        new InsuredRouter(ICoverManager(address(0)));
    }

    function _sign(address spender, uint256 value, uint256 deadline) internal view returns (PermitData memory d) {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                user,
                spender,
                value,
                usdc.nonces(user),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", usdc.DOMAIN_SEPARATOR(), structHash));
        (d.v, d.r, d.s) = vm.sign(userKey, digest);
        d.value = value;
        d.deadline = deadline;
    }
}
