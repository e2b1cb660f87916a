// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ClaimsBase, RecordingReceiver} from "../utils/ClaimsBase.sol";
import {MockTrigger} from "../../src/mocks/MockTrigger.sol";
import {Pool} from "../../src/Pool.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../src/libraries/EventsLib.sol";

/// Settlement.claimMany: a keeper pays every eligible holder in one transaction.
contract ClaimManyTest is ClaimsBase {
    MockTrigger internal trigger;
    uint256 internal marketId;
    Pool internal pool;
    uint32 internal poolId;

    function setUp() public override {
        super.setUp();
        trigger = new MockTrigger();
        marketId = _createMarket(address(trigger)); // BINARY, 10% deductible, 30-day claim window
        (pool, poolId) = _createPool(marketId, 5_000);
        _deposit(pool, lp, 1_000_000e6);
    }

    function _fireAndSettle() internal {
        vm.warp(block.timestamp + 1 days);
        trigger.fire(block.timestamp - 1 hours, 1e18);
        settlement.settle(marketId);
    }

    function _ids(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](3);
        (ids[0], ids[1], ids[2]) = (a, b, c);
    }

    function test_claimMany_paysEveryPolicyToItsOwner(uint256 amount) public {
        amount = bound(amount, 1e6, 100_000e6);
        uint256 a = _buyFor(alice, marketId, amount, 30 days, _one(poolId));
        uint256 b = _buyFor(bob, marketId, 2 * amount, 30 days, _one(poolId));
        (uint256 c,) = _buy(marketId, amount, 30 days, _one(poolId));
        _fireAndSettle();

        uint256 before = usdc.balanceOf(buyer);
        vm.expectEmit(address(settlement));
        emit EventsLib.PolicyPaid(a, marketId, alice, amount * 9_000 / 10_000);
        vm.prank(stranger);
        uint256 total = settlement.claimMany(_ids(a, b, c));
        uint256 each = amount * 9_000 / 10_000;
        assertEq(usdc.balanceOf(alice), each, "alice");
        assertEq(usdc.balanceOf(bob), 2 * amount * 9_000 / 10_000, "bob");
        assertEq(usdc.balanceOf(buyer) - before, each, "buyer");
        assertEq(total, usdc.balanceOf(alice) + usdc.balanceOf(bob) + each, "total");
        assertTrue(settlement.isPaid(a) && settlement.isPaid(b) && settlement.isPaid(c), "INV-PAYOUT: marked paid");
        assertEq(settlement.payoutOf(a) + settlement.payoutOf(b) + settlement.payoutOf(c), 0);
        assertEq(usdc.balanceOf(stranger), 0, "the caller gets nothing");
    }

    function test_claimMany_skipsPaidAndIneligiblePolicies() public {
        (uint256 paidFirst,) = _buy(marketId, 10_000e6, 30 days, _one(poolId));
        (uint256 good,) = _buy(marketId, 20_000e6, 30 days, _one(poolId));
        // A policy on another market that has not fired: not payable, skipped.
        MockTrigger other = new MockTrigger();
        uint256 otherMarket = _createMarket(address(other));
        _back(pool, otherMarket, 5_000);
        (uint256 elsewhere,) = _buy(otherMarket, 10_000e6, 30 days, _one(poolId));
        _fireAndSettle();
        // The holder claims first: the keeper's batch still pays the rest.
        settlement.claim(paidFirst);

        uint256 before = usdc.balanceOf(buyer);
        uint256 total = settlement.claimMany(_ids(paidFirst, elsewhere, good));
        assertEq(total, 18_000e6);
        assertEq(usdc.balanceOf(buyer) - before, 18_000e6, "only the payable policy is paid");
        assertFalse(settlement.isPaid(elsewhere));
    }

    function test_claimMany_paysEachPolicyOnceWhenListedTwice() public {
        (uint256 a,) = _buy(marketId, 10_000e6, 30 days, _one(poolId));
        _fireAndSettle();
        uint256 before = usdc.balanceOf(buyer);
        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (a, a);
        assertEq(settlement.claimMany(ids), 9_000e6, "INV-PAYOUT: once");
        assertEq(usdc.balanceOf(buyer) - before, 9_000e6);
    }

    function test_claimMany_revertsEmptyBatch() public {
        vm.expectRevert(ErrorsLib.EmptyBatch.selector);
        settlement.claimMany(new uint256[](0));
    }

    function test_claimMany_revertsNothingToClaimWhenAllPaid() public {
        (uint256 a,) = _buy(marketId, 10_000e6, 30 days, _one(poolId));
        _fireAndSettle();
        settlement.claim(a);
        uint256[] memory ids = new uint256[](1);
        ids[0] = a;
        vm.expectRevert(ErrorsLib.NothingToClaim.selector);
        settlement.claimMany(ids);
    }

    function test_claimMany_revertsNothingToClaimAfterTheClaimWindow() public {
        (uint256 a,) = _buy(marketId, 10_000e6, 30 days, _one(poolId));
        _fireAndSettle();
        vm.warp(block.timestamp + 30 days + 1);
        uint256[] memory ids = new uint256[](1);
        ids[0] = a;
        vm.expectRevert(ErrorsLib.NothingToClaim.selector);
        settlement.claimMany(ids);
    }

    function test_claimMany_notifiesAContractOwner() public {
        RecordingReceiver receiver = new RecordingReceiver();
        uint256 a = _buyFor(address(receiver), marketId, 10_000e6, 30 days, _one(poolId));
        _fireAndSettle();
        uint256[] memory ids = new uint256[](1);
        ids[0] = a;
        settlement.claimMany(ids);
        assertEq(usdc.balanceOf(address(receiver)), 9_000e6);
        assertEq(receiver.lastAmount(), 9_000e6, "notified");
    }
}
