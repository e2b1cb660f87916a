// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {ClaimsBase} from "../utils/ClaimsBase.sol";
import {MockTrigger} from "../../src/mocks/MockTrigger.sol";
import {Pool} from "../../src/Pool.sol";
import {Settlement} from "../../src/Settlement.sol";
import {CoverManager} from "../../src/CoverManager.sol";
import {MockStable} from "../../src/mocks/MockStable.sol";
import {Incident} from "../../src/interfaces/ISettlement.sol";
import {Policy} from "../../src/interfaces/ICoverManager.sol";
import {TriggerState} from "../../src/interfaces/ITrigger.sol";
import {Market, PayoutMode, BuyCoverParams} from "../../src/types/Types.sol";
import {MAX_INCIDENT_LOOKBACK} from "../../src/libraries/ConstantsLib.sol";

/// @notice Drives the parametric claims layer: cover on two markets sharing a correlation group across two pools,
/// LP deposits and exits, time, trigger fires, settlement, claims and sweeps. Keeps ghost state per policy.
contract ClaimsHandler is Test {
    uint256 internal constant DEDUCTIBLE_BPS = 1_000;

    CoverManager internal cover;
    Settlement internal settlement;
    MockStable internal usdc;
    Pool[2] internal pools;
    uint32[2] internal poolIds;
    MockTrigger[2] public triggers;
    uint256[2] public marketIds;
    address[3] internal lps;
    address internal buyer = makeAddr("handlerBuyer");

    // Ghost state.
    uint256[] public policyIds;
    mapping(uint256 policyId => uint256) public ghostPaidCount;
    mapping(uint256 policyId => uint256) public ghostPaidAmount;
    uint256 public ghostPaidAfterIncidentStart; // INV-TIME violations seen by `claim`
    uint256 public ghostPayoutMismatch; // a claim that paid other than payoutOf promised
    bool[2] public ghostFired;
    uint256[2] public ghostIncidentTime;
    uint256[2] public ghostPayoutWad;
    mapping(bytes32 => uint256) public calls;

    constructor(
        CoverManager cover_,
        Settlement settlement_,
        MockStable usdc_,
        Pool[2] memory pools_,
        uint32[2] memory poolIds_,
        MockTrigger[2] memory triggers_,
        uint256[2] memory marketIds_,
        address[3] memory lps_
    ) {
        (cover, settlement, usdc) = (cover_, settlement_, usdc_);
        (pools, poolIds, triggers, marketIds, lps) = (pools_, poolIds_, triggers_, marketIds_, lps_);
        vm.prank(buyer);
        usdc.approve(address(cover), type(uint256).max);
    }

    function policyCount() external view returns (uint256) {
        return policyIds.length;
    }

    /* ACTIONS */

    function buyCover(uint256 marketSeed, uint256 amount, uint256 period, uint256 poolSeed) external {
        uint256 m = marketSeed % 2;
        if (triggers[m].state() != TriggerState.ACTIVE) return;
        amount = bound(amount, 1e6, 40_000e6);
        period = bound(period, 7 days, 60 days);
        uint32[] memory list;
        uint256 choice = poolSeed % 3;
        if (choice == 2) {
            list = new uint32[](2);
            (list[0], list[1]) = (poolIds[poolSeed / 3 % 2], poolIds[1 - poolSeed / 3 % 2]);
        } else {
            list = new uint32[](1);
            list[0] = poolIds[choice];
        }
        BuyCoverParams memory p = BuyCoverParams({
            marketId: marketIds[m],
            amount: amount,
            period: period,
            pools: list,
            maxPremium: type(uint256).max,
            owner: buyer,
            integrator: address(0),
            commissionBps: 0
        });
        usdc.mint(buyer, amount);
        vm.prank(buyer);
        try cover.buyCover(p) returns (uint256 policyId, uint256) {
            policyIds.push(policyId);
            ++calls["buyCover"];
        } catch {}
    }

    function deposit(uint256 lpSeed, uint256 amount) external {
        address who = lps[lpSeed % 3];
        Pool pool = pools[lpSeed / 3 % 2];
        amount = bound(amount, 1e6, 200_000e6);
        usdc.mint(who, amount);
        vm.startPrank(who);
        usdc.approve(address(pool), amount);
        pool.deposit(amount, who);
        vm.stopPrank();
        ++calls["deposit"];
    }

    function requestRedeem(uint256 lpSeed, uint256 fraction) external {
        address who = lps[lpSeed % 3];
        Pool pool = pools[lpSeed / 3 % 2];
        uint256 shares = pool.balanceOf(who) * bound(fraction, 1, 100) / 100;
        if (shares == 0) return;
        vm.prank(who);
        pool.requestRedeem(shares, who, who);
        ++calls["requestRedeem"];
    }

    function redeem(uint256 lpSeed) external {
        address who = lps[lpSeed % 3];
        Pool pool = pools[lpSeed / 3 % 2];
        uint256 shares = pool.maxRedeem(who);
        if (shares == 0) return;
        vm.prank(who);
        try pool.redeem(shares, who, who) {
            ++calls["redeem"];
        } catch {}
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1 hours, 5 days));
        ++calls["warp"];
    }

    function fire(uint256 marketSeed, uint256 back, uint256 ratio) external {
        uint256 m = marketSeed % 2;
        if (ghostFired[m]) return;
        uint256 time = block.timestamp - bound(back, 0, MAX_INCIDENT_LOOKBACK);
        ratio = bound(ratio, 0, 1.2e18);
        triggers[m].fire(time, ratio);
        (ghostFired[m], ghostIncidentTime[m], ghostPayoutWad[m]) = (true, time, ratio);
        ++calls["fire"];
    }

    function settle(uint256 marketSeed) external {
        try settlement.settle(marketIds[marketSeed % 2]) {
            ++calls["settle"];
        } catch {}
    }

    function claim(uint256 policySeed) external {
        if (policyIds.length == 0) return;
        uint256 policyId = policyIds[policySeed % policyIds.length];
        uint256 promised = settlement.payoutOf(policyId);
        try settlement.claim(policyId) returns (uint256 paid) {
            ++ghostPaidCount[policyId];
            ghostPaidAmount[policyId] += paid;
            Policy memory pol = cover.policy(policyId);
            uint256 m = pol.marketId == marketIds[0] ? 0 : 1;
            if (pol.start > ghostIncidentTime[m]) ++ghostPaidAfterIncidentStart;
            if (paid != promised) ++ghostPayoutMismatch;
            ++calls["claim"];
        } catch {}
    }

    function sweep(uint256 marketSeed) external {
        try settlement.sweep(marketIds[marketSeed % 2]) {
            ++calls["sweep"];
        } catch {}
    }
}

contract ClaimsInvariantsTest is ClaimsBase {
    ClaimsHandler internal handler;
    MockTrigger[2] internal triggers;
    uint256[2] internal marketIds;
    Pool[2] internal pools;

    function setUp() public override {
        super.setUp();
        // Two parametric markets in the same correlation group: one BINARY, one PROPORTIONAL with maturation.
        triggers[0] = new MockTrigger();
        triggers[1] = new MockTrigger();
        marketIds[0] = _parametric(triggers[0], PayoutMode.BINARY, 1_000);
        Market memory m = _marketParams(address(triggers[1]));
        m.payoutMode = PayoutMode.PROPORTIONAL;
        m.maturationDelay = 2 days;
        marketIds[1] = _marketWith(m);

        uint32[2] memory poolIds;
        (pools[0], poolIds[0]) = _createPool(0, 0);
        (pools[1], poolIds[1]) = _createPool(0, 0);
        _back(pools[0], marketIds[0], 10_000);
        _back(pools[0], marketIds[1], 8_000);
        _back(pools[1], marketIds[0], 5_000);
        _back(pools[1], marketIds[1], 10_000);
        address[3] memory lps = [makeAddr("lp0"), makeAddr("lp1"), makeAddr("lp2")];
        _deposit(pools[0], lps[0], 100_000e6);
        _deposit(pools[1], lps[1], 150_000e6);

        handler = new ClaimsHandler(cover, settlement, usdc, pools, poolIds, triggers, marketIds, lps);
        bytes4[] memory selectors = new bytes4[](10);
        selectors[0] = ClaimsHandler.buyCover.selector;
        selectors[1] = ClaimsHandler.buyCover.selector;
        selectors[2] = ClaimsHandler.deposit.selector;
        selectors[3] = ClaimsHandler.requestRedeem.selector;
        selectors[4] = ClaimsHandler.redeem.selector;
        selectors[5] = ClaimsHandler.warp.selector;
        selectors[6] = ClaimsHandler.fire.selector;
        selectors[7] = ClaimsHandler.settle.selector;
        selectors[8] = ClaimsHandler.claim.selector;
        selectors[9] = ClaimsHandler.sweep.selector;
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @notice INV-PAYOUT: each policy is paid at most once, and at most amount x (1 - deductible).
    function invariant_INV_PAYOUT() public view {
        uint256 n = handler.policyCount();
        for (uint256 i; i < n; ++i) {
            uint256 id = handler.policyIds(i);
            uint256 count = handler.ghostPaidCount(id);
            assertLe(count, 1, "paid twice");
            assertEq(settlement.isPaid(id), count == 1, "paid flag");
            Policy memory pol = cover.policy(id);
            assertLe(handler.ghostPaidAmount(id), uint256(pol.amount) * 9_000 / 10_000, "paid above amount x (1 - d)");
        }
        assertEq(handler.ghostPayoutMismatch(), 0, "a claim paid other than payoutOf");
    }

    /// @notice INV-TRIGGER: a fired trigger stays TRIGGERED with the same incident and payout ratio.
    function invariant_INV_TRIGGER() public view {
        for (uint256 m; m < 2; ++m) {
            if (!handler.ghostFired(m)) continue;
            assertEq(uint8(triggers[m].state()), uint8(TriggerState.TRIGGERED));
            (uint256 time, uint256 ratio) = triggers[m].incident();
            assertEq(time, handler.ghostIncidentTime(m));
            assertEq(ratio, handler.ghostPayoutWad(m));
            Incident memory inc = settlement.incident(marketIds[m]);
            if (inc.settledAt != 0) assertEq(inc.time, time, "settlement records the trigger's incident");
        }
    }

    /// @notice INV-TIME: no policy whose cover started after its market's incident was ever paid.
    function invariant_INV_TIME() public view {
        assertEq(handler.ghostPaidAfterIncidentStart(), 0);
        uint256 n = handler.policyCount();
        for (uint256 i; i < n; ++i) {
            uint256 id = handler.policyIds(i);
            if (!settlement.isPaid(id)) continue;
            Policy memory pol = cover.policy(id);
            Incident memory inc = settlement.incident(pol.marketId);
            assertLe(pol.start, inc.time, "paid a policy that started after the incident");
            assertLt(inc.time, pol.end, "paid a policy that ended before the incident");
        }
    }

    /// @notice INV-RESERVE: before its sweep, a settled market's reserve covers every eligible unpaid policy at the
    /// recorded payout and haircut.
    function invariant_INV_RESERVE() public view {
        uint256 n = handler.policyCount();
        for (uint256 m; m < 2; ++m) {
            Incident memory inc = settlement.incident(marketIds[m]);
            if (inc.settledAt == 0 || inc.swept) continue;
            uint256 owed;
            for (uint256 i; i < n; ++i) {
                uint256 id = handler.policyIds(i);
                Policy memory pol = cover.policy(id);
                if (pol.marketId != marketIds[m] || settlement.isPaid(id)) continue;
                if (pol.start > inc.time || inc.time >= pol.end) continue;
                uint256 payout = uint256(pol.amount) * inc.payoutPerUnitWad / 1e18;
                if (inc.funded < inc.required) payout = payout * inc.funded / inc.required;
                owed += payout;
            }
            assertGe(settlement.reserveOf(marketIds[m]), owed, "reserve short of what eligible policies are owed");
            assertLe(inc.funded, inc.required, "never reserves more than required");
        }
    }

    /// @dev The campaign did real work: a campaign in which every call reverts fails here.
    function afterInvariant() public view {
        uint256 done = handler.calls("buyCover") + handler.calls("deposit") + handler.calls("requestRedeem")
            + handler.calls("redeem") + handler.calls("warp") + handler.calls("fire") + handler.calls("settle")
            + handler.calls("claim") + handler.calls("sweep");
        assertGt(done, 0, "every call reverted");
    }
}
