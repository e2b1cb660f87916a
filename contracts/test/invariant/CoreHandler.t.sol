// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Test, Vm} from "forge-std/Test.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {CoverManager} from "../../src/CoverManager.sol";
import {Settlement} from "../../src/Settlement.sol";
import {AssessedClaims} from "../../src/AssessedClaims.sol";
import {Pool} from "../../src/Pool.sol";
import {PoolLens} from "../../src/lens/PoolLens.sol";
import {MockStable} from "../../src/mocks/MockStable.sol";
import {MockTrigger} from "../../src/mocks/MockTrigger.sol";
import {EventsLib} from "../../src/libraries/EventsLib.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {TriggerState} from "../../src/interfaces/ITrigger.sol";
import {Claim, ClaimStatus} from "../../src/interfaces/IAssessedClaims.sol";
import {BuyCoverParams} from "../../src/types/Types.sol";

/// @notice Everything that moves money around a pool, interleaved at random: LP deposits and ERC-7540 exits,
/// sales on three markets, time, expirations, triggers that freeze, cancel and fire, settlement in batches,
/// parametric claims, sweeps and top-ups, assessed claims through the fast track and votes. An independent
/// ledger of every inflow and outflow each pool reports, and ghosts of every rule broken along the way.
contract CoreHandler is Test {
    struct Deps {
        CoverManager cover;
        Settlement settlement;
        AssessedClaims claims;
        PoolLens lens;
        MockStable usdc;
        address curator;
    }

    Deps internal d;
    Pool[] public pools;
    uint32[] public poolIds;
    uint256[] public marketIds; // [0], [2] parametric; [1] assessed
    MockTrigger[] public triggers; // for marketIds[0] and marketIds[2]
    uint8[] public groups;
    address[] public lps;
    address[] public assessors;
    address internal buyer = makeAddr("handler-buyer");

    uint256[] public policies;
    uint256[] public claimIds;

    // Independent ledger per pool: cash each pool reported receiving minus cash it reported paying.
    mapping(uint256 pool => uint256) public ghostIn;
    mapping(uint256 pool => uint256) public ghostOut;
    mapping(uint256 pool => uint256) public ghostLpPremium;
    mapping(uint256 pool => bool) public ghostHadLoss;

    uint256 public ghostSaleViolations; // a sale left a group above cap x underwriting capital
    uint256 public ghostFirstLossHaircuts; // a pool's first loss was not fully funded
    uint256 public ghostFirstLossUnpaid; // an approved claim on a pool without prior loss could not be paid
    uint256 public ghostLockViolations; // an exit left capital below locked capital
    uint256 public ghostPriceDecreases; // the share price fell without a paid loss
    uint256 public ghostOverpaid; // a policy was paid more than amount x (1 - deductible)
    uint256 public successes;
    mapping(bytes32 => uint256) public calls;

    constructor(
        Deps memory deps,
        Pool[] memory pools_,
        uint32[] memory poolIds_,
        uint256[] memory marketIds_,
        MockTrigger[] memory triggers_,
        uint8[] memory groups_,
        address[] memory assessors_
    ) {
        d = deps;
        pools = pools_;
        poolIds = poolIds_;
        marketIds = marketIds_;
        triggers = triggers_;
        groups = groups_;
        assessors = assessors_;
        lps.push(makeAddr("lp0"));
        lps.push(makeAddr("lp1"));
        lps.push(makeAddr("lp2"));
        d.usdc.mint(buyer, type(uint128).max);
        vm.startPrank(buyer);
        d.usdc.approve(address(d.cover), type(uint256).max);
        d.usdc.approve(address(d.claims), type(uint256).max);
        vm.stopPrank();
    }

    function poolCount() external view returns (uint256) {
        return pools.length;
    }

    function recordSeed(uint256 i, uint256 assets) external {
        ghostIn[i] += assets;
    }

    /// @notice Share price at the deposit valuation, with the ERC-4626 virtual amounts, scaled by 1e36.
    function price(Pool pool) public view returns (uint256) {
        return Math.mulDiv(pool.totalAssets() + 1, 1e36, pool.totalSupply() + 1e6);
    }

    /// @dev Counts a price decrease unless the action pays losses.
    modifier tracked(bytes32 name, bool paysLosses) {
        calls[name]++;
        uint256[] memory before = new uint256[](pools.length);
        for (uint256 i; i < pools.length; ++i) {
            before[i] = price(pools[i]);
        }
        _;
        if (!paysLosses) {
            for (uint256 i; i < pools.length; ++i) {
                if (price(pools[i]) < before[i]) ghostPriceDecreases++;
            }
        }
    }

    /* LPs */

    function deposit(uint256 lpSeed, uint256 poolSeed, uint256 assets) external tracked("deposit", false) {
        address who = lps[lpSeed % lps.length];
        uint256 i = poolSeed % pools.length;
        assets = bound(assets, 1e6, 2_000_000e6);
        d.usdc.mint(who, assets);
        vm.startPrank(who);
        d.usdc.approve(address(pools[i]), assets);
        pools[i].deposit(assets, who);
        vm.stopPrank();
        ghostIn[i] += assets;
        successes++;
    }

    function requestRedeem(uint256 lpSeed, uint256 poolSeed, uint256 shares) external tracked("request", false) {
        address who = lps[lpSeed % lps.length];
        Pool pool = pools[poolSeed % pools.length];
        uint256 balance = pool.balanceOf(who);
        if (balance == 0) return;
        shares = bound(shares, 1, balance);
        vm.prank(who);
        pool.requestRedeem(shares, who, who);
        successes++;
    }

    function redeem(uint256 lpSeed, uint256 poolSeed, uint256 shares) external tracked("redeem", false) {
        address who = lps[lpSeed % lps.length];
        uint256 i = poolSeed % pools.length;
        uint256 max = pools[i].maxRedeem(who);
        if (max == 0) return;
        shares = bound(shares, 1, max);
        vm.prank(who);
        uint256 assets = pools[i].redeem(shares, who, who);
        ghostOut[i] += assets;
        if (pools[i].capital() < pools[i].lockedCapital()) ghostLockViolations++;
        successes++;
    }

    /* BUYERS */

    function buyCover(uint256 marketSeed, uint256 amount, uint256 period, uint256 orderSeed)
        external
        tracked("buyCover", false)
    {
        uint256 marketId = marketIds[marketSeed % marketIds.length];
        uint32[] memory order = _order(orderSeed);
        uint256 free;
        for (uint256 k; k < order.length; ++k) {
            free += d.lens.freeCapacity(address(pools[_index(order[k])]), marketId);
        }
        if (free < 1e6) return;
        amount = bound(amount, 1e6, free);
        period = bound(period, 7 days, 90 days);
        vm.recordLogs();
        vm.prank(buyer);
        try d.cover.buyCover(
            BuyCoverParams({
                marketId: marketId,
                amount: amount,
                period: period,
                pools: order,
                maxPremium: type(uint256).max,
                owner: buyer,
                integrator: address(0),
                commissionBps: 0
            })
        ) returns (uint256 policyId, uint256) {
            policies.push(policyId);
            _bookPremiums(vm.getRecordedLogs(), marketId);
            successes++;
        } catch {}
    }

    /// @dev Ledger: each slice's premium reaches its pool (PolicySlice); the LP part is premium less fees.
    function _bookPremiums(Vm.Log[] memory logs, uint256 marketId) internal {
        for (uint256 k; k < logs.length; ++k) {
            if (logs[k].topics[0] == EventsLib.PolicySlice.selector) {
                uint256 i = _index(uint32(uint256(logs[k].topics[2])));
                (, uint256 premium) = abi.decode(logs[k].data, (uint256, uint256));
                ghostIn[i] += premium;
                _checkSaleSolvency(i, marketId);
            } else if (logs[k].topics[0] == EventsLib.Underwritten.selector) {
                (, uint256 premium, uint256 curatorFee, uint256 protocolFee,) =
                    abi.decode(logs[k].data, (uint256, uint256, uint256, uint256, uint256));
                ghostLpPremium[_indexOf(logs[k].emitter)] += premium - curatorFee - protocolFee;
            }
        }
    }

    /// @dev A pool that took a slice keeps every group of the market within cap x underwriting capital.
    function _checkSaleSolvency(uint256 i, uint256 marketId) internal {
        uint256 ucap = d.lens.underwritingCapital(address(pools[i]));
        uint64 mask = pools[i].marketConfig(marketId).groups;
        for (uint8 g; mask != 0; ++g) {
            if (mask & 1 == 1) {
                (uint256 booked, uint16 capBps) = pools[i].groupExposure(g);
                if (booked * 10_000 > ucap * capBps) ghostSaleViolations++;
            }
            mask >>= 1;
        }
    }

    /* TRIGGERS AND PARAMETRIC CLAIMS */

    function freeze(uint256 seed) external tracked("freeze", false) {
        MockTrigger t = triggers[seed % triggers.length];
        if (t.state() != TriggerState.ACTIVE) return;
        t.setFrozen(true);
        successes++;
    }

    function cancel(uint256 seed) external tracked("cancel", false) {
        MockTrigger t = triggers[seed % triggers.length];
        if (t.state() != TriggerState.FROZEN) return;
        t.setFrozen(false);
        successes++;
    }

    /// @notice Fires with an incident time inside the look-back, as every shipped trigger must.
    function fire(uint256 seed, uint256 back, uint256 ratio) external tracked("fire", false) {
        MockTrigger t = triggers[seed % triggers.length];
        if (t.state() == TriggerState.TRIGGERED) return;
        back = bound(back, 0, 7 days);
        t.fire(block.timestamp - back, bound(ratio, 0, 1e18));
        successes++;
    }

    function settle(uint256 seed, uint256 batch) external tracked("settle", false) {
        uint256 m = seed % 2 == 0 ? marketIds[0] : marketIds[2];
        vm.recordLogs();
        try d.settlement.settlePools(m, bound(batch, 1, 3)) {
            Vm.Log[] memory logs = vm.getRecordedLogs();
            for (uint256 k; k < logs.length; ++k) {
                if (logs[k].topics[0] != EventsLib.IncidentReserved.selector) continue;
                uint256 i = _indexOf(logs[k].emitter);
                (, uint256 required, uint256 funded) = abi.decode(logs[k].data, (uint256, uint256, uint256));
                ghostOut[i] += funded;
                if (funded < required && !ghostHadLoss[i]) ghostFirstLossHaircuts++;
                if (funded != 0) ghostHadLoss[i] = true;
            }
            successes++;
        } catch {}
    }

    function claimPolicy(uint256 seed) external tracked("claimPolicy", true) {
        if (policies.length == 0) return;
        uint256 policyId = policies[seed % policies.length];
        try d.settlement.claim(policyId) returns (uint256 paid) {
            uint256 max = uint256(d.cover.policy(policyId).amount) * 9_000 / 10_000;
            if (paid > max) ghostOverpaid++;
            successes++;
        } catch {}
    }

    function sweep(uint256 seed) external tracked("sweep", true) {
        uint256 m = seed % 2 == 0 ? marketIds[0] : marketIds[2];
        vm.recordLogs();
        try d.settlement.sweep(m) {
            Vm.Log[] memory logs = vm.getRecordedLogs();
            for (uint256 k; k < logs.length; ++k) {
                if (logs[k].topics[0] != EventsLib.ReserveReturned.selector) continue;
                ghostIn[_index(uint32(uint256(logs[k].topics[2])))] += abi.decode(logs[k].data, (uint256));
            }
            successes++;
        } catch {}
    }

    function topUp(uint256 seed) external tracked("topUp", true) {
        if (policies.length == 0) return;
        try d.settlement.topUp(policies[seed % policies.length]) {
            successes++;
        } catch {}
    }

    /* ASSESSED CLAIMS */

    function submitClaim(uint256 seed, uint256 amount) external tracked("submitClaim", false) {
        if (policies.length == 0) return;
        uint256 policyId = policies[seed % policies.length];
        uint256 max = uint256(d.cover.policy(policyId).amount) * 9_000 / 10_000;
        amount = bound(amount, 1, max);
        vm.prank(buyer);
        try d.claims.submitClaim(policyId, amount, "ipfs://evidence") returns (uint256 claimId) {
            claimIds.push(claimId);
            successes++;
        } catch {}
    }

    /// @notice Moves a claim one step: a vote, a finalization, or its payment.
    function progressClaim(uint256 seed, bool approve) external tracked("progressClaim", true) {
        if (claimIds.length == 0) return;
        uint256 claimId = claimIds[seed % claimIds.length];
        Claim memory c = d.claims.claimOf(claimId);
        if (c.status == ClaimStatus.VOTING && block.timestamp <= c.deadline) {
            address who = assessors[(seed >> 8) % assessors.length];
            vm.prank(who);
            try d.claims.vote(claimId, approve) {
                successes++;
            } catch {}
        } else if (c.status == ClaimStatus.VOTING || c.status == ClaimStatus.FAST_TRACK) {
            try d.claims.finalize(claimId) {
                successes++;
            } catch {}
        } else if (c.status == ClaimStatus.APPROVED && block.timestamp >= c.payableAt) {
            uint256[] memory cash = _cash();
            bool noPriorLoss = _noPriorLoss();
            try d.claims.redeemClaim(claimId) {
                uint256[] memory after_ = _cash();
                for (uint256 i; i < pools.length; ++i) {
                    if (after_[i] < cash[i]) {
                        ghostOut[i] += cash[i] - after_[i];
                        ghostHadLoss[i] = true;
                    }
                }
                successes++;
            } catch (bytes memory err) {
                if (noPriorLoss && bytes4(err) == ErrorsLib.InsufficientCapital.selector) ghostFirstLossUnpaid++;
            }
        }
    }

    /* CURATOR, TIME, ANYONE */

    function claimFees(uint256 poolSeed) external tracked("claimFees", false) {
        uint256 i = poolSeed % pools.length;
        vm.prank(d.curator);
        ghostOut[i] += pools[i].claimCuratorFees(d.curator);
        ghostOut[i] += pools[i].claimProtocolFees();
        successes++;
    }

    function warp(uint256 secs) external tracked("warp", false) {
        vm.warp(block.timestamp + bound(secs, 1 minutes, 20 days));
        successes++;
    }

    function sync(uint256 poolSeed, uint256 marketSeed) external tracked("sync", false) {
        pools[poolSeed % pools.length].sync(marketIds[marketSeed % marketIds.length]);
        successes++;
    }

    /* HELPERS */

    function _noPriorLoss() internal view returns (bool) {
        for (uint256 i; i < pools.length; ++i) {
            if (ghostHadLoss[i]) return false;
        }
        return true;
    }

    function _cash() internal view returns (uint256[] memory cash) {
        cash = new uint256[](pools.length);
        for (uint256 i; i < pools.length; ++i) {
            cash[i] = d.usdc.balanceOf(address(pools[i]));
        }
    }

    function _order(uint256 seed) internal view returns (uint32[] memory order) {
        uint256 n = 1 + seed % poolIds.length;
        order = new uint32[](n);
        uint256 start = (seed >> 8) % poolIds.length;
        for (uint256 k; k < n; ++k) {
            order[k] = poolIds[(start + k) % poolIds.length];
        }
    }

    function _index(uint32 poolId) internal view returns (uint256) {
        for (uint256 i; i < poolIds.length; ++i) {
            if (poolIds[i] == poolId) return i;
        }
        revert("unknown pool");
    }

    function _indexOf(address pool) internal view returns (uint256) {
        for (uint256 i; i < pools.length; ++i) {
            if (address(pools[i]) == pool) return i;
        }
        revert("unknown pool");
    }
}
