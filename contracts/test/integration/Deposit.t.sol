// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {TestGate} from "../utils/TestGate.sol";
import {Pool} from "../../src/Pool.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";

/// @notice `Pool.deposit` and `Pool.mint`.
contract DepositTest is BaseTest {
    Pool internal pool;
    TestGate internal gate;
    address internal alice = makeAddr("alice");

    function setUp() public override {
        super.setUp();
        uint256 marketId = _createMarket(address(0));
        (pool,) = _createPool(marketId, 5_000);
        gate = new TestGate();
        usdc.mint(alice, 1e18);
        vm.prank(alice);
        usdc.approve(address(pool), type(uint256).max);
    }

    function _gate() internal {
        vm.prank(curator);
        pool.setPoolParams(1_000, 30_000, 7 days, address(gate));
    }

    function test_deposit_mintsPreviewedShares(uint256 assets, address receiver) public {
        vm.assume(receiver != address(0) && receiver != address(pool));
        assets = bound(assets, 1, 1e15);
        uint256 expected = pool.previewDeposit(assets);
        vm.expectEmit(true, true, true, true, address(pool));
        emit IERC4626.Deposit(alice, receiver, assets, expected);
        vm.prank(alice);
        uint256 shares = pool.deposit(assets, receiver);
        assertEq(shares, expected);
        assertEq(pool.balanceOf(receiver), shares);
        assertEq(pool.totalAssets(), assets);
        assertEq(shares, assets * 1e6, "first deposit: 10^6 shares per unit");
    }

    function test_mint_pullsPreviewedAssets(uint256 shares) public {
        shares = bound(shares, 1, 1e21);
        uint256 expected = pool.previewMint(shares);
        vm.prank(alice);
        assertEq(pool.mint(shares, alice), expected);
        assertEq(pool.balanceOf(alice), shares);
    }

    function test_deposit_zeroAmount() public {
        vm.expectRevert(ErrorsLib.ZeroAmount.selector);
        vm.prank(alice);
        pool.deposit(0, alice);
        assertEq(pool.totalSupply(), 0);
    }

    function test_mint_zeroAmount() public {
        vm.expectRevert(ErrorsLib.ZeroAmount.selector);
        vm.prank(alice);
        pool.mint(0, alice);
        assertEq(pool.totalSupply(), 0);
    }

    function test_deposit_gatedReceiver(uint256 assets) public {
        assets = bound(assets, 1, 1e15);
        _gate();
        uint256 balance = usdc.balanceOf(alice);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.DepositorNotAllowed.selector, alice));
        vm.prank(alice);
        pool.deposit(assets, alice);
        assertEq(usdc.balanceOf(alice), balance);
        assertEq(pool.totalSupply(), 0);
        gate.allow(alice, true);
        vm.prank(alice);
        pool.deposit(assets, alice);
        assertEq(pool.totalAssets(), assets);
    }

    /// The gate checks the receiver of the shares, not only the caller.
    function test_deposit_gatedOtherReceiver() public {
        _gate();
        gate.allow(alice, true);
        address bob = makeAddr("bob");
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.DepositorNotAllowed.selector, bob));
        vm.prank(alice);
        pool.deposit(1e6, bob);
    }

    function test_mint_gatedReceiver() public {
        _gate();
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.DepositorNotAllowed.selector, alice));
        vm.prank(alice);
        pool.mint(1e12, alice);
        vm.prank(alice);
        assertEq(pool.maxMint(alice), 0);
    }

    function test_deposit_laterDepositorsGetFairShares(uint256 a, uint256 b, uint256 donation) public {
        a = bound(a, 1e6, 1e15);
        b = bound(b, 1e6, 1e15);
        donation = bound(donation, 0, 1e12);
        _deposit(pool, lp, a);
        usdc.mint(address(pool), donation);
        vm.prank(alice);
        uint256 shares = pool.deposit(b, alice);
        assertLe(pool.convertToAssets(shares), b);
        assertApproxEqRel(pool.convertToAssets(shares), b, 1e12);
    }
}
