// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {ICoverManager, Policy, Slice} from "./interfaces/ICoverManager.sol";
import {IMarkets, CoverTerms} from "./interfaces/IMarkets.sol";
import {IPool} from "./interfaces/IPool.sol";
import {ITrigger, TriggerState} from "./interfaces/ITrigger.sol";
import {IAssessedClaims} from "./interfaces/IAssessedClaims.sol";
import {BuyCoverParams, ClaimMode, Market, MarketStatus, UnderwriteParams} from "./types/Types.sol";
import {ErrorsLib} from "./libraries/ErrorsLib.sol";
import {EventsLib} from "./libraries/EventsLib.sol";
import {BPS} from "./libraries/ConstantsLib.sol";

/// @title CoverManager
/// @notice Sells cover: checks the market's terms, fills candidate pools greedily, mints the policy NFT.
contract CoverManager is ICoverManager, ERC721 {
    using SafeERC20 for IERC20;

    uint256 internal constant MAX_POOLS = 8;

    IMarkets internal immutable MARKETS;

    /* STORAGE */

    /// @inheritdoc ICoverManager
    uint256 public nextPolicyId = 1;
    mapping(uint256 policyId => Policy) internal _policies;
    // A multi-pool policy's slices, two per slot (pool id 32 bits | amount 96 bits in each half), slot k holding
    // slices 2k (low half) and 2k + 1 (high half); the count is the policy's poolCount.
    mapping(uint256 policyId => mapping(uint256 word => uint256)) internal _packedSlices;
    // ASSESSED markets seen with an assessor group (groups are never removed), so later sales skip the lookup.
    mapping(uint256 marketId => bool) internal _assessorsSeen;

    constructor(IMarkets markets_) ERC721("Backstop Policy", "BSP") {
        MARKETS = markets_;
    }

    /// @inheritdoc ICoverManager
    function buyCover(BuyCoverParams calldata p) public returns (uint256 policyId, uint256 premium) {
        CoverTerms memory terms = MARKETS.coverTerms(p.marketId);
        _checkTerms(p, terms);
        uint256 start = block.timestamp + terms.market.maturationDelay;
        UnderwriteParams memory u = UnderwriteParams({
            marketId: p.marketId,
            maxAmount: p.amount,
            start: start,
            end: start + p.period,
            oracleBaseRateBps: terms.market.baseRateBps,
            protocolFeeBps: terms.protocolFeeBps
        });

        policyId = nextPolicyId++;
        uint256 commission;
        (premium, commission) = _fill(p, u, terms.market.asset, policyId);
        _mint(p.owner, policyId);
        emit EventsLib.CoverBought(
            policyId, p.marketId, p.owner, p.amount, premium, commission, u.start, u.end, p.integrator
        );
    }

    /// @inheritdoc ICoverManager
    function buyCoverWithPermit(
        BuyCoverParams calldata p,
        uint256 permitValue,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256, uint256) {
        address asset = MARKETS.market(p.marketId).asset;
        try IERC20Permit(asset).permit(msg.sender, address(this), permitValue, deadline, v, r, s) {} catch {}
        return buyCover(p);
    }

    /* VIEWS */

    /// @inheritdoc ICoverManager
    function policy(uint256 policyId) external view returns (Policy memory) {
        _requireOwned(policyId);
        return _policies[policyId];
    }

    /// @inheritdoc ICoverManager
    function slices(uint256 policyId) external view returns (Slice[] memory list) {
        _requireOwned(policyId);
        Policy memory pol = _policies[policyId];
        if (pol.poolCount <= 1) {
            list = new Slice[](1);
            list[0] = Slice({poolId: pol.firstPoolId, amount: pol.amount});
            return list;
        }
        list = new Slice[](pol.poolCount);
        for (uint256 k; k < pol.poolCount; ++k) {
            uint256 half = _packedSlices[policyId][k / 2] >> (k % 2 == 0 ? 0 : 128);
            list[k] = Slice({poolId: uint32(half >> 96), amount: uint96(half)});
        }
    }

    /// @inheritdoc ICoverManager
    function markets() external view returns (address) {
        return address(MARKETS);
    }

    /* INTERNAL */

    /// @dev Fills the candidate pools in order (each takes what its free capacity allows and is paid its premium
    /// by the buyer directly), checks the total, pays the commission and stores the policy.
    function _fill(BuyCoverParams calldata p, UnderwriteParams memory u, address asset, uint256 policyId)
        internal
        returns (uint256 premium, uint256 commission)
    {
        uint256 n = p.pools.length;
        uint256 poolCount;
        uint32 firstPoolId;
        uint256[4] memory words;
        for (uint256 i; i < n && u.maxAmount != 0; ++i) {
            uint32 poolId = p.pools[i];
            for (uint256 j; j < i; ++j) {
                require(p.pools[j] != poolId, ErrorsLib.DuplicatePool(poolId));
            }
            (uint256 filled, uint256 slicePremium) = _fillPool(u, asset, poolId, policyId);
            if (filled == 0) continue;
            premium += slicePremium;
            u.maxAmount -= filled;
            if (poolCount == 0) firstPoolId = poolId;
            words[poolCount / 2] |= ((uint256(poolId) << 96) | filled) << (poolCount % 2 == 0 ? 0 : 128);
            ++poolCount;
        }
        require(u.maxAmount == 0, ErrorsLib.InsufficientCapacity(p.marketId, p.amount, p.amount - u.maxAmount));
        // A policy that filled in one pool keeps its allocation in the policy slot alone.
        if (poolCount > 1) {
            for (uint256 k; k < (poolCount + 1) / 2; ++k) {
                _packedSlices[policyId][k] = words[k];
            }
        }

        commission = premium * p.commissionBps / BPS;
        require(premium + commission <= p.maxPremium, ErrorsLib.PremiumTooHigh(premium + commission, p.maxPremium));
        if (commission != 0) IERC20(asset).safeTransferFrom(msg.sender, p.integrator, commission);

        _policies[policyId] = Policy({
            amount: uint96(p.amount),
            start: uint40(u.start),
            end: uint40(u.end),
            marketId: uint32(p.marketId),
            poolCount: uint8(poolCount),
            firstPoolId: firstPoolId
        });
    }

    /// @dev One pool's slice: underwrite, pay the pool its premium from the buyer, record the slice.
    function _fillPool(UnderwriteParams memory u, address asset, uint32 poolId, uint256 policyId)
        internal
        returns (uint256 filled, uint256 slicePremium)
    {
        address pool = MARKETS.pool(poolId);
        (filled, slicePremium) = IPool(pool).underwrite(u);
        if (filled == 0) return (0, 0);
        IERC20(asset).safeTransferFrom(msg.sender, pool, slicePremium);
        emit EventsLib.PolicySlice(policyId, poolId, filled, slicePremium);
    }

    /// @dev Refreshes a parametric market's trigger before reading it (a de-peg whose rounds landed in this block
    /// freezes it now, not at the next keeper poke), and refuses an assessed market without assessors.
    function _checkTerms(BuyCoverParams calldata p, CoverTerms memory terms) internal {
        Market memory m = terms.market;
        require(!terms.paused, ErrorsLib.ProtocolPaused());
        require(m.status == MarketStatus.ACTIVE, ErrorsLib.MarketNotActive(p.marketId, m.status));
        require(p.amount != 0, ErrorsLib.ZeroAmount());
        require(p.amount <= type(uint96).max, ErrorsLib.InsufficientCapacity(p.marketId, p.amount, type(uint96).max));
        require(p.owner != address(0), ErrorsLib.ZeroAddress());
        require(
            p.period >= m.minPeriod && p.period <= m.maxPeriod,
            ErrorsLib.PeriodOutOfBounds(p.period, m.minPeriod, m.maxPeriod)
        );
        require(p.pools.length != 0 && p.pools.length <= MAX_POOLS, ErrorsLib.InvalidPoolCount(p.pools.length, MAX_POOLS));
        require(
            p.commissionBps <= terms.maxCommissionBps, ErrorsLib.CommissionTooHigh(p.commissionBps, terms.maxCommissionBps)
        );
        require(p.commissionBps == 0 || p.integrator != address(0), ErrorsLib.CommissionWithoutIntegrator());
        if (m.claimMode == ClaimMode.PARAMETRIC) {
            TriggerState state = ITrigger(m.trigger).poke();
            require(state == TriggerState.ACTIVE, ErrorsLib.TriggerNotActive(p.marketId, state));
        } else if (!_assessorsSeen[p.marketId]) {
            require(
                IAssessedClaims(MARKETS.assessedClaims()).hasAssessors(p.marketId), ErrorsLib.NoAssessorGroup(p.marketId)
            );
            _assessorsSeen[p.marketId] = true;
        }
    }
}
