// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

import {ISettlement, Incident} from "./interfaces/ISettlement.sol";
import {IMarkets} from "./interfaces/IMarkets.sol";
import {IPool} from "./interfaces/IPool.sol";
import {ICoverManager, Policy} from "./interfaces/ICoverManager.sol";
import {ITrigger, TriggerState} from "./interfaces/ITrigger.sol";
import {IPayoutReceiver} from "./interfaces/IPayoutReceiver.sol";
import {ClaimMode, Market, PayoutMode} from "./types/Types.sol";
import {ErrorsLib} from "./libraries/ErrorsLib.sol";
import {EventsLib} from "./libraries/EventsLib.sol";

/// @title Settlement
/// @notice Pays parametric markets: settle once per incident in O(pools), claim each policy in O(1).
/// @dev INV-PAYOUT: a policy pays at most once (a bitmap) and at most amount x (1 - deductible).
/// INV-TIME: a policy that started after the incident never pays for it.
/// INV-RESERVE: the reserve covers every eligible policy at the recorded payout (pools reserve conservatively
/// and the haircut funded / required applies to every claimant alike).
contract Settlement is ISettlement {
    using SafeERC20 for IERC20;
    using FixedPointMathLib for uint256;

    uint256 internal constant WAD = 1e18;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant CALLBACK_GAS = 50_000;

    IMarkets internal immutable MARKETS;
    ICoverManager internal immutable COVER;

    /* STORAGE */

    mapping(uint256 marketId => Incident) internal _incidents;
    mapping(uint256 marketId => uint256) internal _paidOut;
    mapping(uint256 marketId => mapping(uint256 poolId => uint256)) internal _fundedBy;
    mapping(uint256 word => uint256) internal _paidBitmap;

    constructor(IMarkets markets_, ICoverManager cover_) {
        MARKETS = markets_;
        COVER = cover_;
    }

    /// @inheritdoc ISettlement
    function settle(uint256 marketId) external returns (Incident memory inc) {
        Market memory m = MARKETS.market(marketId);
        require(m.claimMode == ClaimMode.PARAMETRIC, ErrorsLib.WrongClaimMode(marketId));
        require(_incidents[marketId].settledAt == 0, ErrorsLib.AlreadySettled(marketId));
        TriggerState state = ITrigger(m.trigger).state();
        require(state == TriggerState.TRIGGERED, ErrorsLib.TriggerNotFired(marketId, state));

        (uint256 time, uint256 payoutWad) = ITrigger(m.trigger).incident();
        if (m.payoutMode == PayoutMode.BINARY || payoutWad > WAD) payoutWad = WAD;
        uint256 perUnitWad = payoutWad * (BPS - m.deductibleBps) / BPS;

        uint256 required;
        uint256 funded;
        uint32[] memory pools = MARKETS.marketPools(marketId);
        for (uint256 i; i < pools.length; ++i) {
            (uint256 poolRequired, uint256 poolFunded) =
                IPool(MARKETS.pool(pools[i])).settle(marketId, time, perUnitWad);
            required += poolRequired;
            funded += poolFunded;
            if (poolFunded != 0) _fundedBy[marketId][pools[i]] = poolFunded;
        }

        inc = Incident({
            time: uint40(time),
            settledAt: uint40(block.timestamp),
            payoutPerUnitWad: uint64(perUnitWad),
            swept: false,
            required: uint128(required),
            funded: uint128(funded)
        });
        _incidents[marketId] = inc;
        MARKETS.markTriggered(marketId);
        emit EventsLib.MarketSettled(marketId, time, perUnitWad, required, funded);
    }

    /// @inheritdoc ISettlement
    function claim(uint256 policyId) external returns (uint256 payout) {
        Policy memory pol = COVER.policy(policyId);
        Incident memory inc = _incidents[pol.marketId];
        payout = _payout(policyId, pol, inc);
        Market memory m = MARKETS.market(pol.marketId);
        uint256 closesAt = uint256(inc.settledAt) + m.claimWindow;
        require(block.timestamp <= closesAt, ErrorsLib.ClaimWindowClosed(closesAt));

        (uint256 word, uint256 bit) = (policyId >> 8, uint256(1) << (policyId & 0xff));
        _paidBitmap[word] |= bit;
        _paidOut[pol.marketId] += payout;

        address owner = IERC721(address(COVER)).ownerOf(policyId);
        address asset = m.asset;
        IERC20(asset).safeTransfer(owner, payout);
        emit EventsLib.PolicyPaid(policyId, pol.marketId, owner, payout);
        if (owner.code.length != 0) {
            try IPayoutReceiver(owner).onBackstopPayout{gas: CALLBACK_GAS}(policyId, asset, payout) {} catch {}
        }
    }

    /// @inheritdoc ISettlement
    function sweep(uint256 marketId) external {
        Incident storage inc = _incidents[marketId];
        require(inc.settledAt != 0, ErrorsLib.NotSettled(marketId));
        require(!inc.swept, ErrorsLib.AlreadySettled(marketId));
        uint256 closesAt = uint256(inc.settledAt) + MARKETS.market(marketId).claimWindow;
        require(block.timestamp > closesAt, ErrorsLib.ClaimWindowOpen(closesAt));
        inc.swept = true;

        uint256 unclaimed = uint256(inc.funded) - _paidOut[marketId];
        // Nothing to return (also when nothing was funded: the split below would divide by zero).
        if (unclaimed == 0) return;
        uint256 funded = inc.funded;
        address asset = _asset(marketId);
        uint32[] memory pools = MARKETS.marketPools(marketId);
        uint256 returned;
        for (uint256 i; i < pools.length; ++i) {
            uint256 share = i + 1 == pools.length
                ? unclaimed - returned
                : unclaimed.mulDiv(_fundedBy[marketId][pools[i]], funded);
            returned += share;
            if (share == 0) continue;
            // Returned capital is a donation to the pool: it raises its share price for the LPs.
            IERC20(asset).safeTransfer(MARKETS.pool(pools[i]), share);
            emit EventsLib.ReserveReturned(marketId, pools[i], share);
        }
    }

    /* VIEWS */

    /// @inheritdoc ISettlement
    function incident(uint256 marketId) external view returns (Incident memory) {
        return _incidents[marketId];
    }

    /// @inheritdoc ISettlement
    function reserveOf(uint256 marketId) external view returns (uint256) {
        Incident memory inc = _incidents[marketId];
        if (inc.swept) return 0;
        return uint256(inc.funded) - _paidOut[marketId];
    }

    /// @inheritdoc ISettlement
    function isPaid(uint256 policyId) public view returns (bool) {
        return _paidBitmap[policyId >> 8] & (uint256(1) << (policyId & 0xff)) != 0;
    }

    /// @inheritdoc ISettlement
    function payoutOf(uint256 policyId) external view returns (uint256) {
        Policy memory pol = COVER.policy(policyId);
        Incident memory inc = _incidents[pol.marketId];
        if (inc.settledAt == 0 || isPaid(policyId) || pol.start > inc.time || inc.time >= pol.end) return 0;
        return _share(pol.amount, inc);
    }

    /* INTERNAL */

    function _payout(uint256 policyId, Policy memory pol, Incident memory inc) internal view returns (uint256) {
        require(inc.settledAt != 0, ErrorsLib.NotSettled(pol.marketId));
        require(!isPaid(policyId), ErrorsLib.AlreadyPaid(policyId));
        require(pol.start <= inc.time, ErrorsLib.StartedAfterIncident(policyId, pol.start, inc.time));
        require(inc.time < pol.end, ErrorsLib.ExpiredBeforeIncident(policyId, pol.end, inc.time));
        return _share(pol.amount, inc);
    }

    /// @dev amount x payoutPerUnit, scaled by funded / required when the pools could not fund everything.
    function _share(uint256 amount, Incident memory inc) internal pure returns (uint256 payout) {
        payout = amount.mulWad(inc.payoutPerUnitWad);
        if (inc.funded < inc.required) payout = payout.mulDiv(inc.funded, inc.required);
    }

    function _asset(uint256 marketId) internal view returns (address) {
        return MARKETS.market(marketId).asset;
    }
}
