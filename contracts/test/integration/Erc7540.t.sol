// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {TestTrigger} from "../utils/TestTrigger.sol";
import {Pool} from "../../src/Pool.sol";
import {IERC7540Operator, IERC7540Redeem} from "../../src/interfaces/IERC7540.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {TriggerState} from "../../src/interfaces/ITrigger.sol";

/// @notice The exit side as ERC-7540 asynchronous redeem with ERC-7575 and ERC-165.
contract Erc7540Test is BaseTest {
    Pool internal pool;
    TestTrigger internal trigger;
    uint256 internal shares;
    address internal operator = makeAddr("operator");

    function setUp() public override {
        super.setUp();
        uint256 marketId;
        (marketId, trigger) = _createParametricMarket();
        (pool,) = _createPool(marketId, 5_000);
        shares = _deposit(pool, lp, 1_000_000e6);
    }

    function test_supportsInterface_standardIds() public view {
        // Interface ids as published in ERC-7540 and ERC-7575.
        assertEq(type(IERC7540Redeem).interfaceId, bytes4(0x620ee8e4));
        assertEq(type(IERC7540Operator).interfaceId, bytes4(0xe3bc4e65));
        assertTrue(pool.supportsInterface(0x620ee8e4));
        assertTrue(pool.supportsInterface(0xe3bc4e65));
        assertTrue(pool.supportsInterface(0x2f0a18c5));
        assertTrue(pool.supportsInterface(type(IERC165).interfaceId));
        assertFalse(pool.supportsInterface(0xce3bbe50), "deposits are synchronous");
        assertEq(pool.share(), address(pool));
    }

    function test_preview_revertsAsync(uint256 x) public {
        vm.expectRevert(ErrorsLib.AsyncRedeem.selector);
        pool.previewRedeem(x);
        vm.expectRevert(ErrorsLib.AsyncRedeem.selector);
        pool.previewWithdraw(x);
    }

    function test_requestLifecycle_pendingThenClaimable(uint256 amount) public {
        amount = bound(amount, 1, shares);
        vm.prank(lp);
        pool.requestRedeem(amount, lp, lp);
        assertEq(pool.pendingRedeemRequest(0, lp), amount);
        assertEq(pool.claimableRedeemRequest(0, lp), 0);
        assertEq(pool.maxRedeem(lp), 0);
        vm.warp(block.timestamp + 7 days);
        assertEq(pool.pendingRedeemRequest(0, lp), 0);
        assertEq(pool.claimableRedeemRequest(0, lp), amount);
        assertEq(pool.maxRedeem(lp), amount);
    }

    function test_operator_requestsAndClaimsForController(uint256 amount) public {
        amount = bound(amount, 1, shares);
        vm.expectEmit(true, true, true, true, address(pool));
        emit IERC7540Operator.OperatorSet(lp, operator, true);
        vm.prank(lp);
        assertTrue(pool.setOperator(operator, true));
        assertTrue(pool.isOperator(lp, operator));

        vm.prank(operator); // an operator needs no allowance
        pool.requestRedeem(amount, lp, lp);
        vm.warp(block.timestamp + 7 days);
        uint256 before = usdc.balanceOf(operator);
        vm.prank(operator);
        uint256 assets = pool.redeem(amount, operator, lp);
        assertEq(usdc.balanceOf(operator) - before, assets);

        vm.prank(lp);
        pool.setOperator(operator, false);
        assertFalse(pool.isOperator(lp, operator));
    }

    function test_redeem_revertsForNonOperator(address caller) public {
        vm.assume(caller != lp && caller != address(0));
        vm.prank(lp);
        pool.requestRedeem(shares, lp, lp);
        vm.warp(block.timestamp + 7 days);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, caller));
        vm.prank(caller);
        pool.redeem(shares, caller, lp);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, caller));
        vm.prank(caller);
        pool.withdraw(1, caller, lp);
    }

    function test_setOperator_revertsOnSelf() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, lp));
        vm.prank(lp);
        pool.setOperator(lp, true);
    }

    /// maxRedeem and maxWithdraw promise nothing while an incident is open; the claim itself refuses too.
    function test_maxRedeem_zeroWhileTriggerNotActive() public {
        vm.prank(lp);
        pool.requestRedeem(shares, lp, lp);
        vm.warp(block.timestamp + 7 days);
        trigger.set(TriggerState.FROZEN);
        assertEq(pool.maxRedeem(lp), 0);
        assertEq(pool.maxWithdraw(lp), 0);
        assertFalse(pool.exitsOpen());
        vm.expectRevert();
        vm.prank(lp);
        pool.redeem(shares, lp, lp);
        trigger.set(TriggerState.ACTIVE);
        assertEq(pool.maxRedeem(lp), shares);
    }

    function test_requestRedeem_revertsZeroController() public {
        vm.expectRevert(ErrorsLib.ZeroAddress.selector);
        vm.prank(lp);
        pool.requestRedeem(1, address(0), lp);
    }
}
