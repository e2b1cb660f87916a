// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {BaseTest} from "../utils/BaseTest.sol";
import {Pool} from "../../src/Pool.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../src/libraries/EventsLib.sol";
import {Policy, Slice} from "../../src/interfaces/ICoverManager.sol";
import {BuyCoverParams} from "../../src/types/Types.sol";

interface VmState {
    function snapshotState() external returns (uint256);
    function revertToState(uint256 id) external returns (bool);
}

contract CoverManagerTest is BaseTest {
    VmState internal constant VM_STATE = VmState(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal marketId;
    Pool internal poolA;
    Pool internal poolB;
    Pool internal poolC;
    uint32 internal idA;
    uint32 internal idB;
    uint32 internal idC;

    function setUp() public override {
        super.setUp();
        marketId = _createMarket(address(0));
        (poolA, idA) = _createPool(marketId, 1_000); // capacity 100k on 1M
        (poolB, idB) = _createPool(marketId, 5_000); // capacity 500k on 1M
        (poolC, idC) = _createPool(marketId, 10_000); // capacity 1M on 1M
        _deposit(poolA, lp, 1_000_000e6);
        _deposit(poolB, lp, 1_000_000e6);
        _deposit(poolC, lp, 1_000_000e6);
    }

    /// Pools are filled greedily in the buyer's order, each up to its free capacity.
    function test_buyCover_greedyFillInOrder(uint256 amount) public {
        amount = bound(amount, 1e6, 1_600_000e6);
        uint256 freeA = lens.freeCapacity(address(poolA), marketId);
        uint256 freeB = lens.freeCapacity(address(poolB), marketId);
        (uint256 policyId,) = _buy(marketId, amount, 30 days, _three(idA, idB, idC));
        uint256 a = amount < freeA ? amount : freeA;
        uint256 b = amount - a < freeB ? amount - a : freeB;
        uint256 c = amount - a - b;
        assertEq(poolA.exposure(marketId), a);
        assertEq(poolB.exposure(marketId), b);
        assertEq(poolC.exposure(marketId), c);
        Slice[] memory s = cover.slices(policyId);
        uint256 used = (a > 0 ? 1 : 0) + (b > 0 ? 1 : 0) + (c > 0 ? 1 : 0);
        assertEq(s.length, used);
        assertEq(cover.policy(policyId).poolCount, used);
        uint256 sum;
        for (uint256 i; i < s.length; ++i) {
            sum += s[i].amount;
        }
        assertEq(sum, amount);
        assertEq(markets.tvc(marketId), amount);
    }

    /// A stale quote (first pool already full) does not revert while capacity exists elsewhere.
    function test_buyCover_staleQuoteFillsElsewhere() public {
        _buy(marketId, lens.freeCapacity(address(poolA), marketId), 30 days, _one(idA));
        assertEq(lens.freeCapacity(address(poolA), marketId), 0);
        (uint256 policyId,) = _buy(marketId, 50_000e6, 30 days, _two(idA, idB));
        Policy memory p = cover.policy(policyId);
        assertEq(p.poolCount, 1);
        assertEq(p.firstPoolId, idB);
        Slice[] memory s = cover.slices(policyId);
        assertEq(s.length, 1);
        assertEq(s[0].poolId, idB);
        assertEq(s[0].amount, 50_000e6);
    }

    /// A pool that does not back the market is skipped, not a revert.
    function test_buyCover_skipsPoolWithoutMarket() public {
        (Pool other, uint32 idO) = _createPool(0, 0);
        _deposit(other, lp, 1_000_000e6);
        (uint256 policyId,) = _buy(marketId, 10_000e6, 30 days, _two(idO, idC));
        assertEq(cover.policy(policyId).firstPoolId, idC);
        assertEq(other.totalExposure(), 0);
    }

    /// maxPremium protects the buyer: the exact cost passes, one unit less reverts.
    function test_buyCover_maxPremiumBoundsCost(uint256 amount, uint16 commissionBps) public {
        amount = bound(amount, 1e6, 500_000e6);
        commissionBps = uint16(bound(commissionBps, 0, 1_000));
        _fund(buyer, 10_000_000e6);
        BuyCoverParams memory p = _buyParams(marketId, amount, 90 days, _one(idC));
        p.integrator = integrator;
        p.commissionBps = commissionBps;
        uint256 snap = VM_STATE.snapshotState();
        vm.prank(buyer);
        (, uint256 premium) = cover.buyCover(p);
        uint256 cost = premium + premium * commissionBps / 10_000;
        VM_STATE.revertToState(snap);
        p.maxPremium = cost - 1;
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.PremiumTooHigh.selector, cost, cost - 1));
        vm.prank(buyer);
        cover.buyCover(p);
        p.maxPremium = cost;
        uint256 before = usdc.balanceOf(buyer);
        vm.prank(buyer);
        cover.buyCover(p);
        assertEq(before - usdc.balanceOf(buyer), cost);
    }

    /// The commission is paid on top of the premium, to the integrator, and capped by governance.
    function test_buyCover_commissionOnTopAndCapped(uint16 commissionBps) public {
        commissionBps = uint16(bound(commissionBps, 0, 3_000));
        _fund(buyer, 10_000_000e6);
        BuyCoverParams memory p = _buyParams(marketId, 100_000e6, 90 days, _one(idC));
        p.integrator = integrator;
        p.commissionBps = commissionBps;
        if (commissionBps > 1_000) {
            vm.expectRevert(abi.encodeWithSelector(ErrorsLib.CommissionTooHigh.selector, commissionBps, 1_000));
            vm.prank(buyer);
            cover.buyCover(p);
            return;
        }
        uint256 poolBefore = usdc.balanceOf(address(poolC));
        uint256 buyerBefore = usdc.balanceOf(buyer);
        vm.prank(buyer);
        (, uint256 premium) = cover.buyCover(p);
        uint256 commission = premium * commissionBps / 10_000;
        assertEq(usdc.balanceOf(integrator), commission);
        assertEq(usdc.balanceOf(address(poolC)) - poolBefore, premium, "pools get the full premium");
        assertEq(buyerBefore - usdc.balanceOf(buyer), premium + commission);
    }

    /// Cover starts after the maturation delay and runs for the period from there.
    function test_buyCover_maturationDelay(uint32 delay, uint256 period) public {
        delay = uint32(bound(delay, 0, 30 days));
        period = bound(period, 7 days, 365 days);
        uint256 m = _createMarketWith(uint64(1) << groupEth, delay);
        _curatorApply(address(poolC), abi.encodeCall(poolC.setMarketConfig, (m, 5_000, _curve(), false)));
        uint256 snap = VM_STATE.snapshotState();
        (, uint256 premium) = _buy(m, 1_000e6, period, _one(idC));
        VM_STATE.revertToState(snap);
        _fund(buyer, 1_000e6);
        vm.expectEmit(true, true, true, true, address(cover));
        emit EventsLib.CoverBought(
            1, m, buyer, 1_000e6, premium, 0, block.timestamp + delay, block.timestamp + delay + period, address(0)
        );
        vm.prank(buyer);
        (uint256 policyId,) = cover.buyCover(_buyParams(m, 1_000e6, period, _one(idC)));
        Policy memory p = cover.policy(policyId);
        assertEq(p.start, block.timestamp + delay);
        assertEq(p.end, block.timestamp + delay + period);
        assertEq(p.amount, 1_000e6);
        assertEq(p.marketId, m);
        assertEq(cover.ownerOf(policyId), buyer);
    }

    /// Expiry releases capacity for new cover without touching policies, once the release delay (the claim
    /// window of an assessed market) after the cover's end has passed.
    function test_buyCover_expiryReleasesCapacity() public {
        uint256 free = lens.freeCapacity(address(poolA), marketId);
        _buy(marketId, free, 30 days, _one(idA));
        uint256 end = block.timestamp + 30 days;
        _fund(buyer, 1e12);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientCapacity.selector, marketId, 1e6, 0));
        vm.prank(buyer);
        cover.buyCover(_buyParams(marketId, 1e6, 30 days, _one(idA)));
        // Ended, but a claim may still arrive: the cover stays booked until the claim window has passed.
        vm.warp(_releaseTime(end, 30 days) - 1);
        assertEq(poolA.exposure(marketId), free);
        uint256 stillFree = lens.freeCapacity(address(poolA), marketId);
        assertLt(stillFree, free);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientCapacity.selector, marketId, free, stillFree));
        vm.prank(buyer);
        cover.buyCover(_buyParams(marketId, free, 30 days, _one(idA)));
        vm.warp(_releaseTime(end, 30 days));
        _buy(marketId, free, 30 days, _one(idA));
        assertEq(poolA.exposure(marketId), free);
    }

    /// Multi-pool allocations are stored beside the policy; ids increase; the NFT is transferable.
    function test_buyCover_multiPoolSlicesStored() public {
        (uint256 p1,) = _buy(marketId, 300_000e6, 30 days, _three(idA, idB, idC));
        Slice[] memory s = cover.slices(p1);
        assertEq(s.length, 2);
        assertEq(s[0].poolId, idA);
        assertEq(s[0].amount, 100_000e6);
        assertEq(s[1].poolId, idB);
        assertEq(s[1].amount, 200_000e6);
        (uint256 p2,) = _buy(marketId, 1e6, 30 days, _one(idC));
        assertEq(p2, p1 + 1);
        assertEq(cover.nextPolicyId(), p2 + 1);
        vm.prank(buyer);
        cover.transferFrom(buyer, integrator, p1);
        assertEq(cover.ownerOf(p1), integrator);
        assertEq(cover.markets(), address(markets));
    }

    /// Splitting one purchase into many never costs less than one purchase (same pool, same period).
    function test_buyCover_splittingGainsNothing(uint256 amount, uint256 pieces) public {
        amount = bound(amount, 10e6, 900_000e6);
        pieces = bound(pieces, 2, 6);
        uint256 snap = VM_STATE.snapshotState();
        (, uint256 whole) = _buy(marketId, amount, 90 days, _one(idC));
        VM_STATE.revertToState(snap);
        uint256 split;
        for (uint256 i; i < pieces; ++i) {
            uint256 part = i == pieces - 1 ? amount - amount / pieces * (pieces - 1) : amount / pieces;
            (, uint256 premium) = _buy(marketId, part, 90 days, _one(idC));
            split += premium;
        }
        assertGe(split, whole);
    }

    /* PERMIT */

    function _permit(uint256 pk, address owner, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                owner,
                address(cover),
                value,
                usdc.nonces(owner),
                deadline
            )
        );
        return vm.sign(pk, keccak256(abi.encodePacked("\x19\x01", usdc.DOMAIN_SEPARATOR(), structHash)));
    }

    function test_buyCoverWithPermit_noPriorApproval(uint256 amount) public {
        amount = bound(amount, 1e6, 500_000e6);
        (address alice, uint256 pk) = makeAddrAndKey("alice");
        usdc.mint(alice, 1_000_000e6);
        BuyCoverParams memory p = _buyParams(marketId, amount, 30 days, _one(idC));
        p.owner = alice;
        (uint8 v, bytes32 r, bytes32 s) = _permit(pk, alice, 1_000_000e6, block.timestamp + 1 hours);
        vm.prank(alice);
        (uint256 policyId, uint256 premium) = cover.buyCoverWithPermit(p, 1_000_000e6, block.timestamp + 1 hours, v, r, s);
        assertEq(cover.ownerOf(policyId), alice);
        assertEq(usdc.balanceOf(alice), 1_000_000e6 - premium);
        assertEq(usdc.allowance(alice, address(cover)), 1_000_000e6 - premium);
    }

    /// A front-run (already used) permit is ignored and the existing allowance is used.
    function test_buyCoverWithPermit_usedPermitIgnored() public {
        (address alice, uint256 pk) = makeAddrAndKey("alice");
        usdc.mint(alice, 1_000_000e6);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permit(pk, alice, 1_000_000e6, deadline);
        usdc.permit(alice, address(cover), 1_000_000e6, deadline, v, r, s);
        BuyCoverParams memory p = _buyParams(marketId, 1_000e6, 30 days, _one(idC));
        vm.prank(alice);
        (uint256 policyId,) = cover.buyCoverWithPermit(p, 1_000_000e6, deadline, v, r, s);
        assertEq(cover.ownerOf(policyId), buyer);
    }
}
