// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ClaimsBase, RecordingReceiver, RevertingReceiver, GasBurningReceiver} from "../utils/ClaimsBase.sol";
import {MockTrigger} from "../../src/mocks/MockTrigger.sol";
import {Pool} from "../../src/Pool.sol";
import {Incident} from "../../src/interfaces/ISettlement.sol";
import {Policy} from "../../src/interfaces/ICoverManager.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../src/libraries/EventsLib.sol";
import {Market, PayoutMode} from "../../src/types/Types.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

contract ClaimTest is ClaimsBase {
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

    /// @dev Fires `t` with the incident one hour in the past, then settles.
    function _fireAndSettle(MockTrigger t, uint256 mId, uint256 payoutWad) internal returns (Incident memory) {
        vm.warp(block.timestamp + 1 days);
        t.fire(block.timestamp - 1 hours, payoutWad);
        return settlement.settle(mId);
    }

    function test_claim_binaryPaysAmountLessDeductible(uint256 amount, uint256 ratio) public {
        amount = bound(amount, 1e6, 400_000e6);
        ratio = bound(ratio, 1, 2e18); // a zero ratio pays nothing: test_claim_revertsNothingToPayWhenRatioZero
        (uint256 policyId,) = _buy(marketId, amount, 30 days, _one(poolId));
        _fireAndSettle(trigger, marketId, ratio);

        uint256 expected = amount * 9_000 / 10_000;
        assertEq(settlement.payoutOf(policyId), expected, "payoutOf");
        uint256 before = usdc.balanceOf(buyer);
        vm.expectEmit(address(settlement));
        emit EventsLib.PolicyPaid(policyId, marketId, buyer, expected);
        vm.prank(stranger);
        uint256 paid = settlement.claim(policyId);
        assertEq(paid, expected, "binary ignores the ratio");
        assertEq(usdc.balanceOf(buyer) - before, expected);
        assertTrue(settlement.isPaid(policyId));
        assertEq(settlement.payoutOf(policyId), 0, "nothing left to pay");
    }

    function test_claim_proportionalPaysRatioLessDeductible(uint256 amount, uint256 ratio, uint16 deductible) public {
        amount = bound(amount, 1e6, 400_000e6);
        ratio = bound(ratio, 0, 1e18);
        deductible = uint16(bound(deductible, 0, 5_000));
        MockTrigger t = new MockTrigger();
        uint256 mId = _parametric(t, PayoutMode.PROPORTIONAL, deductible);
        _back(pool, mId, 5_000);
        (uint256 policyId,) = _buy(mId, amount, 30 days, _one(poolId));
        Incident memory inc = _fireAndSettle(t, mId, ratio);

        uint256 perUnit = ratio * (10_000 - deductible) / 10_000;
        assertEq(inc.payoutPerUnitWad, perUnit);
        uint256 expected = amount * perUnit / 1e18;
        assertEq(settlement.payoutOf(policyId), expected);
        if (expected == 0) {
            // A zero ratio (or one too small to pay a unit) pays nothing.
            vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NothingToPay.selector, policyId));
            settlement.claim(policyId);
            return;
        }
        assertEq(settlement.claim(policyId), expected);
        assertLe(expected, amount * (10_000 - deductible) / 10_000, "INV-PAYOUT bound");
    }

    /// A trigger reporting a zero ratio pays nothing, in BINARY as in PROPORTIONAL mode.
    function test_claim_revertsNothingToPayWhenRatioZero(uint256 amount, bool binary) public {
        amount = bound(amount, 1e6, 400_000e6);
        MockTrigger t = new MockTrigger();
        uint256 mId = _parametric(t, binary ? PayoutMode.BINARY : PayoutMode.PROPORTIONAL, 1_000);
        _back(pool, mId, 5_000);
        (uint256 policyId,) = _buy(mId, amount, 30 days, _one(poolId));
        Incident memory inc = _fireAndSettle(t, mId, 0);
        assertEq(inc.payoutPerUnitWad, 0);
        assertEq(inc.required, 0);
        assertEq(inc.funded, 0);
        assertEq(settlement.payoutOf(policyId), 0);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NothingToPay.selector, policyId));
        settlement.claim(policyId);
        assertFalse(settlement.isPaid(policyId));
    }

    function test_claim_proportionalRatioAboveOneIsCapped(uint256 ratio) public {
        ratio = bound(ratio, 1e18 + 1, type(uint128).max);
        MockTrigger t = new MockTrigger();
        uint256 mId = _parametric(t, PayoutMode.PROPORTIONAL, 1_000);
        _back(pool, mId, 5_000);
        (uint256 policyId,) = _buy(mId, 10_000e6, 30 days, _one(poolId));
        _fireAndSettle(t, mId, ratio);
        assertEq(settlement.claim(policyId), 9_000e6);
    }

    function test_claim_paysPolicyExpiredAfterIncidentBeforeSettlement(uint256 afterIncident) public {
        // 7-day policy; incident on day 5; settled after the policy ended.
        (uint256 policyId,) = _buy(marketId, 50_000e6, 7 days, _one(poolId));
        Policy memory pol = cover.policy(policyId);
        uint256 incidentTime = pol.start + 5 days;
        afterIncident = bound(afterIncident, pol.end + 1 - incidentTime, 60 days);
        vm.warp(incidentTime + afterIncident);
        assertGt(block.timestamp, pol.end, "expired before settlement");
        trigger.fire(incidentTime, 1e18);
        Incident memory inc = settlement.settle(marketId);
        assertEq(inc.required, 45_000e6, "the expired policy is reserved for");
        assertEq(settlement.claim(policyId), 45_000e6);
    }

    function test_claim_revertsStartedAfterIncident(uint256 gap) public {
        // INV-TIME: cover bought after the incident (before the trigger fired) never pays for it.
        (uint256 early,) = _buy(marketId, 20_000e6, 30 days, _one(poolId));
        vm.warp(block.timestamp + 1 days);
        uint256 incidentTime = block.timestamp;
        gap = bound(gap, 1, 3 days);
        vm.warp(block.timestamp + gap);
        (uint256 late,) = _buy(marketId, 30_000e6, 30 days, _one(poolId));
        vm.warp(block.timestamp + 1 hours);
        trigger.fire(incidentTime, 1e18);
        settlement.settle(marketId);

        Policy memory pol = cover.policy(late);
        assertEq(settlement.payoutOf(late), 0);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.StartedAfterIncident.selector, late, pol.start, incidentTime));
        settlement.claim(late);
        assertEq(settlement.claim(early), 18_000e6);
    }

    function test_claim_revertsStartedAfterIncidentDuringMaturation(uint256 incidentOffset) public {
        // Cover starts after the maturation delay: an incident during maturation is not covered.
        MockTrigger t = new MockTrigger();
        Market memory m = _marketParams(address(t));
        m.maturationDelay = 3 days;
        uint256 mId = _marketWith(m);
        _back(pool, mId, 5_000);
        (uint256 policyId,) = _buy(mId, 10_000e6, 30 days, _one(poolId));
        Policy memory pol = cover.policy(policyId);
        // Up to and including the start itself: a policy pays only if it started strictly before the incident.
        incidentOffset = bound(incidentOffset, 0, 3 days);
        uint256 incidentTime = block.timestamp + incidentOffset;
        vm.warp(pol.start + 1 days);
        t.fire(incidentTime, 1e18);
        settlement.settle(mId);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.StartedAfterIncident.selector, policyId, pol.start, incidentTime));
        settlement.claim(policyId);
    }

    function test_claim_revertsExpiredBeforeIncident(uint256 after_) public {
        (uint256 policyId,) = _buy(marketId, 10_000e6, 7 days, _one(poolId));
        Policy memory pol = cover.policy(policyId);
        after_ = bound(after_, 0, 20 days);
        uint256 incidentTime = pol.end + after_;
        vm.warp(incidentTime + 1 hours);
        trigger.fire(incidentTime, 1e18);
        settlement.settle(marketId);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ExpiredBeforeIncident.selector, policyId, pol.end, incidentTime));
        settlement.claim(policyId);
    }

    function test_claim_revertsNotSettled() public {
        (uint256 policyId,) = _buy(marketId, 10_000e6, 30 days, _one(poolId));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NotSettled.selector, marketId));
        settlement.claim(policyId);
        vm.warp(block.timestamp + 1 days);
        trigger.fire(block.timestamp - 1, 1e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NotSettled.selector, marketId));
        settlement.claim(policyId);
    }

    function test_claim_revertsUnknownPolicy(uint256 policyId) public {
        policyId = bound(policyId, cover.nextPolicyId(), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, policyId));
        settlement.claim(policyId);
    }

    function test_claim_revertsAlreadyPaid(uint256 amount) public {
        amount = bound(amount, 1e6, 400_000e6);
        (uint256 policyId,) = _buy(marketId, amount, 30 days, _one(poolId));
        _fireAndSettle(trigger, marketId, 1e18);
        settlement.claim(policyId);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.AlreadyPaid.selector, policyId));
        settlement.claim(policyId);
        // A transfer of the NFT does not reset it.
        vm.prank(buyer);
        cover.transferFrom(buyer, alice, policyId);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.AlreadyPaid.selector, policyId));
        vm.prank(alice);
        settlement.claim(policyId);
    }

    function test_claim_revertsClaimWindowClosed(uint256 late) public {
        (uint256 policyId,) = _buy(marketId, 10_000e6, 30 days, _one(poolId));
        Incident memory inc = _fireAndSettle(trigger, marketId, 1e18);
        uint256 closesAt = uint256(inc.settledAt) + 30 days;
        late = bound(late, 1, 365 days);
        vm.warp(closesAt + late);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ClaimWindowClosed.selector, closesAt));
        settlement.claim(policyId);
    }

    function test_claim_succeedsAtWindowEnd() public {
        (uint256 policyId,) = _buy(marketId, 10_000e6, 30 days, _one(poolId));
        Incident memory inc = _fireAndSettle(trigger, marketId, 1e18);
        vm.warp(uint256(inc.settledAt) + 30 days);
        assertEq(settlement.claim(policyId), 9_000e6);
    }

    function test_claim_paysCurrentOwnerAfterTransfer(uint256 amount) public {
        amount = bound(amount, 1e6, 400_000e6);
        (uint256 policyId,) = _buy(marketId, amount, 30 days, _one(poolId));
        vm.prank(buyer);
        cover.transferFrom(buyer, alice, policyId);
        _fireAndSettle(trigger, marketId, 1e18);
        uint256 buyerBefore = usdc.balanceOf(buyer);
        vm.prank(bob);
        settlement.claim(policyId);
        assertEq(usdc.balanceOf(alice), amount * 9 / 10, "the current owner is paid");
        assertEq(usdc.balanceOf(buyer), buyerBefore, "the original buyer is not");
        assertEq(usdc.balanceOf(bob), 0, "nor the caller");
    }

    function test_claim_notifiesContractOwner() public {
        RecordingReceiver receiver = new RecordingReceiver();
        uint256 policyId = _buyFor(address(receiver), marketId, 10_000e6, 30 days, _one(poolId));
        _fireAndSettle(trigger, marketId, 1e18);
        vm.expectEmit(address(receiver));
        emit RecordingReceiver.Notified(policyId, address(usdc), 9_000e6);
        settlement.claim(policyId);
        assertEq(usdc.balanceOf(address(receiver)), 9_000e6);
        assertEq(receiver.lastAmount(), 9_000e6);
    }

    function test_claim_revertingReceiverStillPaid() public {
        RevertingReceiver receiver = new RevertingReceiver();
        uint256 policyId = _buyFor(address(receiver), marketId, 10_000e6, 30 days, _one(poolId));
        _fireAndSettle(trigger, marketId, 1e18);
        settlement.claim(policyId);
        assertEq(usdc.balanceOf(address(receiver)), 9_000e6);
        assertTrue(settlement.isPaid(policyId));
    }

    function test_claim_gasBurningReceiverStillPaid() public {
        GasBurningReceiver receiver = new GasBurningReceiver();
        uint256 policyId = _buyFor(address(receiver), marketId, 10_000e6, 30 days, _one(poolId));
        _fireAndSettle(trigger, marketId, 1e18);
        uint256 g = gasleft();
        settlement.claim(policyId);
        g -= gasleft();
        assertEq(usdc.balanceOf(address(receiver)), 9_000e6);
        assertLt(g, 200_000, "the callback is gas-capped");
    }

    function test_claim_multiPoolPolicyPaidInFull(uint256 amount) public {
        // Pool 2 is small: a large policy spills into pool 1.
        (Pool small, uint32 smallId) = _createPool(marketId, 5_000);
        _deposit(small, lp, 100_000e6);
        amount = bound(amount, 50_000e6 + 1e6, 500_000e6);
        (uint256 policyId,) = _buy(marketId, amount, 30 days, _two(smallId, poolId));
        assertEq(cover.slices(policyId).length, 2);
        assertEq(small.exposure(marketId), 50_000e6);
        assertEq(pool.exposure(marketId), amount - 50_000e6);

        vm.warp(block.timestamp + 1 days);
        trigger.fire(block.timestamp - 1 hours, 1e18);
        uint256 smallAssets = small.totalAssets();
        uint256 smallCap = small.capital();
        Incident memory inc = settlement.settle(marketId);
        assertEq(inc.funded, inc.required);
        assertEq(usdc.balanceOf(address(settlement)), inc.funded);
        assertEq(smallCap - small.capital(), 45_000e6, "small pool funded its share");
        // The reserve stays the small pool's receivable until it is paid out: settling moves no value.
        assertEq(small.reserveReceivable(), 45_000e6);
        assertEq(settlement.reserveShareOf(marketId, address(small)), 45_000e6);
        assertEq(small.totalAssets(), smallAssets, "settle does not lower totalAssets");
        assertEq(settlement.claim(policyId), amount * 9 / 10);
        // Paying the claim does.
        assertApproxEqAbs(smallAssets - small.totalAssets(), 45_000e6, 1, "the claim lowers totalAssets");
    }

    // Shared-capital fixture.
    Pool internal sp;
    uint32 internal spId;
    uint256 internal mA;
    uint256 internal mB;

    /// @dev One pool of 100,000 backs two markets in different groups (leverage 300%); market A sells 90,000.
    /// Both fire and are settled: the pool funds A in full and B only in part.
    function _sharedCapital(uint256[3] memory amounts) internal returns (uint256[3] memory ids, uint256 sum) {
        (sp, spId) = _createPool(0, 0);
        _deposit(sp, lp, 100_000e6);
        MockTrigger tA = new MockTrigger();
        MockTrigger tB = new MockTrigger();
        mA = _parametric(tA, PayoutMode.BINARY, 1_000);
        Market memory mb = _marketParams(address(tB));
        mb.groups = uint64(1) << groupStables;
        mB = _marketWith(mb);
        _back(sp, mA, 10_000);
        _back(sp, mB, 10_000);
        _buyFor(alice, mA, 90_000e6, 30 days, _one(spId));
        address[3] memory owners = [alice, bob, buyer];
        for (uint256 i; i < 3; ++i) {
            sum += amounts[i];
            ids[i] = _buyFor(owners[i], mB, amounts[i], 30 days, _one(spId));
        }
        vm.warp(block.timestamp + 1 days);
        tA.fire(block.timestamp - 1 hours, 1e18);
        tB.fire(block.timestamp - 1 hours, 1e18);
    }

    function test_claim_haircutIsTheSameRatioForEveryClaimant(uint256[3] memory amounts) public {
        for (uint256 i; i < 3; ++i) {
            amounts[i] = bound(amounts[i], 10_000e6, 30_000e6);
        }
        (uint256[3] memory ids, uint256 sum) = _sharedCapital(amounts);
        Incident memory incA = settlement.settle(mA);
        assertEq(incA.funded, incA.required, "first market fully funded");
        Incident memory incB = settlement.settle(mB);
        assertEq(incB.required, (sum * 9 + 9) / 10, "required, rounded up");
        assertLt(incB.funded, incB.required, "haircut recorded");
        assertEq(sp.capital(), 0, "the pool gave all it had");
        assertEq(sp.totalAssets(), sp.reserveReceivable(), "what it gave is its receivable until paid");
        assertEq(sp.reserveReceivable(), uint256(incA.funded) + incB.funded);

        // Claim in reverse order: the order does not matter.
        uint256 total;
        for (uint256 i = 3; i > 0; --i) {
            uint256 r = settlement.claim(ids[i - 1]);
            assertEq(r, (amounts[i - 1] * 9 / 10) * incB.funded / incB.required, "same ratio for everyone");
            total += r;
        }
        assertLe(total, incB.funded, "INV-RESERVE: the reserve covers every claimant");
        assertEq(settlement.reserveOf(mB), incB.funded - total);
    }

    function test_claim_haircutWithMultiPoolMarket() public {
        // Pool A is drained by another market first; pool B is healthy: every claimant of the shared market
        // gets the same (global) ratio.
        (Pool pA, uint32 idA) = _createPool(0, 0);
        (Pool pB, uint32 idB) = _createPool(0, 0);
        _deposit(pA, lp, 100_000e6);
        _deposit(pB, lp, 100_000e6);
        MockTrigger tX = new MockTrigger();
        MockTrigger tY = new MockTrigger();
        uint256 mX = _parametric(tX, PayoutMode.BINARY, 0);
        Market memory my = _marketParams(address(tY));
        my.groups = uint64(1) << groupStables;
        my.deductibleBps = 0;
        uint256 mY = _marketWith(my);
        _back(pA, mX, 10_000);
        _back(pA, mY, 10_000);
        _back(pB, mY, 10_000);

        _buyFor(alice, mX, 100_000e6, 30 days, _one(idA));
        uint256 q1 = _buyFor(bob, mY, 150_000e6, 30 days, _two(idA, idB)); // 100k in A, 50k in B
        uint256 q2 = _buyFor(buyer, mY, 40_000e6, 30 days, _one(idB));

        vm.warp(block.timestamp + 1 days);
        tX.fire(block.timestamp - 1 hours, 1e18);
        tY.fire(block.timestamp - 1 hours, 1e18);
        settlement.settle(mX);
        Incident memory inc = settlement.settle(mY);
        assertEq(inc.required, 190_000e6);
        assertLt(inc.funded, inc.required);
        uint256 r1 = settlement.claim(q1);
        uint256 r2 = settlement.claim(q2);
        assertEq(r1, uint256(150_000e6) * inc.funded / inc.required);
        assertEq(r2, uint256(40_000e6) * inc.funded / inc.required);
        assertLe(r1 + r2, inc.funded);
    }
}
