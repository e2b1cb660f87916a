// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ClaimsBase, RecordingReceiver} from "../utils/ClaimsBase.sol";
import {TestGate} from "../utils/TestGate.sol";
import {MockTrigger} from "../../src/mocks/MockTrigger.sol";
import {Pool} from "../../src/Pool.sol";
import {Incident} from "../../src/interfaces/ISettlement.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {Market, PayoutMode} from "../../src/types/Types.sol";

/// @notice Replays each attack of the second core review that the core owns and shows it now fails.
contract SecondReviewTest is ClaimsBase {
    MockTrigger internal trigger;
    uint256 internal depeg;
    uint256 internal assessed;
    Pool internal pool;
    uint32 internal poolId;

    function setUp() public override {
        super.setUp();
        trigger = new MockTrigger();
        depeg = _parametric(trigger, PayoutMode.BINARY, 1_000);
        assessed = _createMarket(address(0)); // same group as depeg (ethereum-l1)
        (pool, poolId) = _createPool(depeg, 10_000);
        vm.prank(curator);
        pool.setMarketConfig(assessed, 10_000, _curve(), false);
        _deposit(pool, lp, 1_000_000e6);
    }

    /* 1. Expired cover of a FROZEN market resold */

    /// While the trigger was FROZEN, a sale on another market released the frozen market's expired cover and sold
    /// it again; settlement then took that capital (101,231 left against 500,000 owed). Cover of a market with an
    /// open candidate now stays booked until the candidate is cancelled or settled.
    function test_frozenMarket_expiredCoverIsNotResold() public {
        uint256 start = block.timestamp;
        uint256 depegPolicy = _buyFor(alice, depeg, 500_000e6, 30 days, _one(poolId));
        vm.warp(start + 29 days);
        trigger.setFrozen(true); // a de-peg begins while the cover is live
        vm.warp(start + 45 days); // past the cover's end and its release delay

        uint256 free = lens.freeCapacity(address(pool), assessed);
        assertLe(free, pool.capital() - 500_000e6, "the frozen market's cover still counts");
        _fund(buyer, 1_000_000e6);
        vm.expectRevert();
        vm.prank(buyer);
        cover.buyCover(_buyParams(assessed, 1_000_000e6, 30 days, _one(poolId)));
        pool.sync(depeg);
        assertEq(pool.exposure(depeg), 500_000e6, "sync does not release it either");
        uint256 otherPolicy = _buyFor(bob, assessed, 450_000e6, 30 days, _one(poolId));

        trigger.fire(start + 29 days, 1e18);
        Incident memory inc = settlement.settle(depeg);
        assertEq(inc.required, 450_000e6);
        assertEq(inc.funded, inc.required, "fully funded");
        assertEq(settlement.claim(depegPolicy), 450_000e6);

        // The other market's holder is still fully backed.
        uint256 claimId = _submitAs(bob, otherPolicy, 400_000e6);
        _vote(makeAddr("assessor-a"), claimId, true);
        _vote(makeAddr("assessor-b"), claimId, true);
        vm.warp(block.timestamp + 3 days + 1);
        claims.finalize(claimId);
        vm.warp(block.timestamp + 1 days);
        assertEq(claims.redeemClaim(claimId), 400_000e6);
    }

    /* 2. Underwriting ignores held capital */

    /// Capacity for new sales counted capital held for a pending claim (504,874 offered on 1,004,874 capital with a
    /// 450,000 hold and 500,000 of exposure); the approved claim then reverted InsufficientCapital for ever.
    function test_claimHold_isNotSoldAgain() public {
        uint256 policyId = _buyFor(alice, assessed, 500_000e6, 30 days, _one(poolId));
        uint256 claimId = _submitAs(alice, policyId, 450_000e6);
        _vote(makeAddr("assessor-a"), claimId, true);
        _vote(makeAddr("assessor-b"), claimId, true);
        vm.warp(block.timestamp + 31 days); // the policy ended; its cover stays booked for the claim window

        uint256 capital = pool.capital();
        uint256 free = lens.freeCapacity(address(pool), depeg);
        assertLe(free, capital - 450_000e6 - 500_000e6, "capacity excludes the hold and the booked cover");
        if (free != 0) _buyFor(bob, depeg, free, 30 days, _one(poolId));

        claims.finalize(claimId);
        vm.warp(block.timestamp + 1 days);
        assertEq(claims.redeemClaim(claimId), 450_000e6, "the approved claim is paid");
    }

    /* 4. ASSESSED market without assessors */

    function test_assessedMarketWithoutAssessors_sellsNothing() public {
        vm.prank(governance);
        uint256 m = markets.createMarket(_marketParams(address(0)), "ipfs://terms");
        (, uint32 id) = _createPool(m, 5_000);
        _fund(buyer, 10_000e6);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NoAssessorGroup.selector, m));
        vm.prank(buyer);
        cover.buyCover(_buyParams(m, 10_000e6, 30 days, _one(id)));
    }

    /* 6. A BINARY market paid in full on a zero payout ratio */

    function test_binaryMarket_zeroRatioPaysNothing() public {
        uint256 policyId = _buyFor(alice, depeg, 100_000e6, 30 days, _one(poolId));
        vm.warp(block.timestamp + 1 days);
        trigger.fire(block.timestamp - 1 hours, 0);
        Incident memory inc = settlement.settle(depeg);
        assertEq(inc.payoutPerUnitWad, 0);
        assertEq(inc.required, 0);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NothingToPay.selector, policyId));
        settlement.claim(policyId);
    }

    /* 8. Haircut on day-rounded requirement */

    /// When a pool is short, what eligible holders did not claim went back to the LPs at sweep although
    /// claimants had been cut. Claimants are now topped up to min(1, funded / claimed) first.
    function test_haircut_unclaimedReserveTopsUpClaimantsFirst() public {
        MockTrigger t2 = new MockTrigger();
        Market memory mp = _marketParams(address(t2));
        mp.groups = uint64(1) << groupStables;
        uint256 usdt = _marketWith(mp);
        (Pool p, uint32 id) = _createPool(depeg, 10_000);
        vm.prank(curator);
        p.setMarketConfig(usdt, 10_000, _curve(), false);
        _deposit(p, lp, 1_000_000e6);
        _buyFor(alice, depeg, 1_000_000e6, 60 days, _one(id));
        uint256 claimant = _buyFor(bob, usdt, 600_000e6, 60 days, _one(id));
        _buyFor(stranger, usdt, 400_000e6, 60 days, _one(id)); // eligible, never claims

        vm.warp(block.timestamp + 1 days);
        trigger.fire(block.timestamp - 1 hours, 1e18);
        settlement.settle(depeg); // takes 900,000: the second incident finds the pool short
        t2.fire(block.timestamp - 1 hours, 1e18);
        Incident memory inc = settlement.settle(usdt);
        assertLt(inc.funded, inc.required, "haircut");

        uint256 paid = settlement.claim(claimant);
        assertEq(paid, uint256(540_000e6) * inc.funded / inc.required);
        vm.warp(block.timestamp + 31 days);
        uint256 poolCash = usdc.balanceOf(address(p));
        settlement.sweep(usdt);
        assertEq(usdc.balanceOf(address(p)), poolCash, "nothing goes back while a claimant is short");
        uint256 topUp = settlement.topUp(claimant);
        assertApproxEqAbs(paid + topUp, inc.funded, 1, "the claimant gets everything the pool funded");
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.AlreadyToppedUp.selector, claimant));
        settlement.topUp(claimant);
    }

    /* 10. Payout callback starved */

    /// With a tight gas limit, claim paid but the receiving contract was never notified (63/64 rule). A claim
    /// that cannot give the callback its gas now reverts; with enough gas the receiver is always notified.
    function test_payoutCallback_cannotBeStarved() public {
        RecordingReceiver receiver = new RecordingReceiver();
        uint256 policyId = _buyFor(address(receiver), depeg, 100_000e6, 30 days, _one(poolId));
        vm.warp(block.timestamp + 1 days);
        trigger.fire(block.timestamp - 1 hours, 1e18);
        settlement.settle(depeg);
        bool paidOnce;
        for (uint256 g = 60_000; g <= 260_000; g += 4_000) {
            uint256 snapshot = vm.snapshot();
            (bool ok,) = address(settlement).call{gas: g}(abi.encodeCall(settlement.claim, (policyId)));
            if (ok) {
                assertEq(receiver.lastAmount(), 90_000e6, "paid means notified");
                paidOnce = true;
            }
            vm.revertTo(snapshot);
        }
        assertTrue(paidOnce);
    }

    /* 11. The gate covers deposits only */

    /// Shares of a gated pool could be transferred to an address the gate refuses; transfers are gated too.
    function test_gatedPool_sharesCannotReachRefusedAddresses() public {
        TestGate gate = new TestGate();
        gate.allow(lp, true);
        vm.prank(curator);
        pool.setPoolParams(1_000, 30_000, 7 days, address(gate));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.DepositorNotAllowed.selector, stranger));
        vm.prank(lp);
        pool.transfer(stranger, 1e6);
        gate.allow(stranger, true);
        vm.prank(lp);
        pool.transfer(stranger, 1e6);
        assertEq(pool.balanceOf(stranger), 1e6);
    }
}
