// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {BaseTest} from "../utils/BaseTest.sol";
import {Pool} from "../../src/Pool.sol";

/// @notice The ERC-4626 properties of the deposit side (after a16z's erc4626-tests: conversions and previews
/// round in the vault's favour, deposits and mints move exactly what they report), on a pool with earned
/// premium so the share price is not 1, plus the exit side's round trip through an ERC-7540 request.
contract Erc4626PropertiesTest is BaseTest {
    Pool internal pool;
    uint256 internal marketId;
    uint32 internal poolId;
    address internal alice = makeAddr("alice");

    function setUp() public override {
        super.setUp();
        marketId = _createMarket(address(0));
        (pool, poolId) = _createPool(marketId, 5_000);
        _deposit(pool, lp, 1_000_000e6);
        _buy(marketId, 200_000e6, 60 days, _one(poolId));
        vm.warp(block.timestamp + 20 days); // premium earned: price above 1
        usdc.mint(alice, type(uint128).max);
        vm.prank(alice);
        usdc.approve(address(pool), type(uint256).max);
    }

    function test_asset_andDecimals() public view {
        assertEq(pool.asset(), address(usdc));
        assertEq(pool.decimals(), usdc.decimals() + 6);
    }

    /// convertToShares(convertToAssets(s)) <= s and convertToAssets(convertToShares(a)) <= a.
    function test_convert_roundTripsDown(uint256 x) public view {
        x = bound(x, 0, 1e30);
        assertLe(pool.convertToShares(pool.convertToAssets(x)), x);
        assertLe(pool.convertToAssets(pool.convertToShares(x)), x);
    }

    /// previewDeposit(a) <= deposit(a), and deposit moves exactly `a` and mints what it returns.
    function test_deposit_matchesPreview(uint256 assets) public {
        assets = bound(assets, 1, 1e15);
        uint256 preview = pool.previewDeposit(assets);
        uint256 balance = usdc.balanceOf(alice);
        uint256 shares0 = pool.balanceOf(alice);
        vm.prank(alice);
        uint256 shares = pool.deposit(assets, alice);
        assertLe(preview, shares);
        assertEq(balance - usdc.balanceOf(alice), assets);
        assertEq(pool.balanceOf(alice) - shares0, shares);
    }

    /// previewMint(s) >= mint(s), and mint moves what it returns and mints exactly `s`.
    function test_mint_matchesPreview(uint256 shares) public {
        shares = bound(shares, 1, 1e21);
        uint256 preview = pool.previewMint(shares);
        uint256 balance = usdc.balanceOf(alice);
        vm.prank(alice);
        uint256 assets = pool.mint(shares, alice);
        assertGe(preview, assets);
        assertEq(balance - usdc.balanceOf(alice), assets);
        assertEq(pool.balanceOf(alice), shares);
    }

    /// Depositing then minting back, or minting then redeeming through a request, never gains.
    function test_roundTrip_depositRequestRedeemNeverGains(uint256 assets) public {
        assets = bound(assets, 1e6, 1e12);
        vm.prank(alice);
        uint256 shares = pool.deposit(assets, alice);
        vm.prank(alice);
        pool.requestRedeem(shares, alice, alice);
        vm.warp(block.timestamp + 7 days);
        uint256 max = pool.maxRedeem(alice);
        vm.prank(alice);
        uint256 out = pool.redeem(max, alice, alice);
        assertLe(out, assets);
    }

    function test_maxDepositAndMint_unlimitedWhenUngated(address who) public view {
        assertEq(pool.maxDeposit(who), type(uint256).max);
        assertEq(pool.maxMint(who), type(uint256).max);
    }

    /// totalAssets never decreases through a deposit (rounding favours the pool).
    function test_deposit_neverLowersOthersValue(uint256 assets) public {
        assets = bound(assets, 1, 1e15);
        uint256 lpValue = pool.convertToAssets(pool.balanceOf(lp));
        vm.prank(alice);
        pool.deposit(assets, alice);
        assertGe(pool.convertToAssets(pool.balanceOf(lp)), lpValue);
    }
}
