// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
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
import {BPS, WAD, CALLBACK_GAS} from "./libraries/ConstantsLib.sol";

/// @title Settlement
/// @notice Pays parametric markets: settle once per incident in O(pools), claim each policy in O(1).
/// @dev INV-PAYOUT: a policy pays at most once (a bitmap; a top-up at most once more, never beyond its full
/// payout) and at most amount x (1 - deductible).
/// INV-TIME: a policy that did not start strictly before the incident never pays for it.
/// INV-RESERVE: the reserve covers every eligible policy at the recorded payout (pools reserve conservatively
/// and the haircut funded / required applies to every claimant alike).
contract Settlement is ISettlement {
    using SafeERC20 for IERC20;
    using FixedPointMathLib for uint256;

    IMarkets internal immutable MARKETS;
    ICoverManager internal immutable COVER;

    /// @dev Paid so far (claims and top-ups) and the full, un-haircut payouts of the policies that claimed.
    struct Claimed {
        uint128 paid;
        uint128 nominal;
    }

    /// @dev The market's terms a claim needs, copied once at settlement so claims do not read the registry.
    struct Terms {
        address asset;
        uint32 claimWindow;
    }

    /* STORAGE */

    mapping(uint256 marketId => Incident) internal _incidents;
    mapping(uint256 marketId => Terms) internal _terms;
    mapping(uint256 marketId => Claimed) internal _claimed;
    mapping(uint256 marketId => mapping(address pool => uint256)) internal _fundedBy;
    mapping(uint256 word => uint256) internal _paidBitmap;
    mapping(uint256 word => uint256) internal _toppedUpBitmap;

    constructor(IMarkets markets_, ICoverManager cover_) {
        MARKETS = markets_;
        COVER = cover_;
    }

    /// @inheritdoc ISettlement
    function settle(uint256 marketId) external returns (Incident memory) {
        return settlePools(marketId, type(uint256).max);
    }

    /// @inheritdoc ISettlement
    function settlePools(uint256 marketId, uint256 maxPools) public returns (Incident memory inc) {
        inc = _incidents[marketId];
        require(inc.settledAt == 0, ErrorsLib.AlreadySettled(marketId));
        if (!inc.opened) inc = _open(marketId);

        uint32[] memory pools = MARKETS.marketPools(marketId);
        uint256 end = pools.length - inc.poolsSettled > maxPools ? inc.poolsSettled + maxPools : pools.length;
        uint256 required;
        uint256 funded;
        for (uint256 i = inc.poolsSettled; i < end; ++i) {
            address pool = MARKETS.pool(pools[i]);
            (uint256 poolRequired, uint256 poolFunded) = IPool(pool).settle(marketId, inc.time, inc.payoutPerUnitWad);
            required += poolRequired;
            funded += poolFunded;
            if (poolFunded != 0) _fundedBy[marketId][pool] = poolFunded;
        }
        inc.poolsSettled = uint16(end);
        inc.required += SafeCast.toUint128(required);
        inc.funded += SafeCast.toUint128(funded);
        if (end == pools.length) {
            inc.settledAt = uint40(block.timestamp);
            emit EventsLib.MarketSettled(marketId, inc.time, inc.payoutPerUnitWad, inc.required, inc.funded);
        }
        _incidents[marketId] = inc;
    }

    /// @inheritdoc ISettlement
    function claim(uint256 policyId) external returns (uint256 payout) {
        Policy memory pol = COVER.policy(policyId);
        Incident memory inc = _incidents[pol.marketId];
        payout = _payout(policyId, pol, inc);
        Terms memory t = _terms[pol.marketId];
        uint256 closesAt = uint256(inc.settledAt) + t.claimWindow;
        require(block.timestamp <= closesAt, ErrorsLib.ClaimWindowClosed(closesAt));
        _record(policyId, pol, inc, payout);
        _pay(policyId, pol.marketId, t.asset, payout);
    }

    /// @inheritdoc ISettlement
    function claimMany(uint256[] calldata policyIds) external returns (uint256 total) {
        require(policyIds.length != 0, ErrorsLib.EmptyBatch());
        for (uint256 i; i < policyIds.length; ++i) {
            uint256 policyId = policyIds[i];
            Policy memory pol = COVER.policy(policyId);
            Incident memory inc = _incidents[pol.marketId];
            Terms memory t = _terms[pol.marketId];
            uint256 payout = _payable(policyId, pol, inc, t.claimWindow);
            if (payout == 0) continue;
            _record(policyId, pol, inc, payout);
            _pay(policyId, pol.marketId, t.asset, payout);
            total += payout;
        }
        require(total != 0, ErrorsLib.NothingToClaim());
    }

    /// @inheritdoc ISettlement
    function sweep(uint256 marketId) external {
        Incident storage inc = _incidents[marketId];
        require(inc.settledAt != 0, ErrorsLib.NotSettled(marketId));
        require(!inc.swept, ErrorsLib.AlreadySwept(marketId));
        uint256 closesAt = uint256(inc.settledAt) + _terms[marketId].claimWindow;
        require(block.timestamp > closesAt, ErrorsLib.ClaimWindowOpen(closesAt));
        inc.swept = true;

        uint256 funded = inc.funded;
        Claimed memory c = _claimed[marketId];
        // With a haircut, what claimants are owed in the end is min(funded, their full payouts): it stays here
        // for top-ups. Without one, they were paid in full already.
        uint256 owed = funded < inc.required ? FixedPointMathLib.min(funded, c.nominal) : c.paid;
        _returnToPools(marketId, funded - owed, funded);
    }

    /// @inheritdoc ISettlement
    function topUp(uint256 policyId) external returns (uint256 amount) {
        Policy memory pol = COVER.policy(policyId);
        Incident memory inc = _incidents[pol.marketId];
        require(inc.swept, ErrorsLib.NotSwept(pol.marketId));
        require(isPaid(policyId), ErrorsLib.NotPaid(policyId));
        uint256 bit = uint256(1) << (policyId & 0xff);
        require(_toppedUpBitmap[policyId >> 8] & bit == 0, ErrorsLib.AlreadyToppedUp(policyId));
        Claimed memory c = _claimed[pol.marketId];
        uint256 nominal = uint256(pol.amount).mulWad(inc.payoutPerUnitWad);
        uint256 owed = inc.funded < c.nominal ? nominal.mulDiv(inc.funded, c.nominal) : nominal;
        uint256 paid = _share(pol.amount, inc);
        amount = owed > paid ? owed - paid : 0;
        require(amount != 0, ErrorsLib.NothingToPay(policyId));
        _toppedUpBitmap[policyId >> 8] |= bit;
        _claimed[pol.marketId].paid = c.paid + uint128(amount);
        _pay(policyId, pol.marketId, _terms[pol.marketId].asset, amount);
    }

    /* VIEWS */

    /// @inheritdoc ISettlement
    function incident(uint256 marketId) external view returns (Incident memory) {
        return _incidents[marketId];
    }

    /// @inheritdoc ISettlement
    function reserveOf(uint256 marketId) public view returns (uint256) {
        Incident memory inc = _incidents[marketId];
        uint256 paid = _claimed[marketId].paid;
        if (!inc.swept) return uint256(inc.funded) - paid;
        if (inc.funded >= inc.required) return 0;
        return FixedPointMathLib.min(inc.funded, _claimed[marketId].nominal) - paid;
    }

    /// @inheritdoc ISettlement
    function reserveShareOf(uint256 marketId, address pool) external view returns (uint256) {
        Incident memory inc = _incidents[marketId];
        uint256 fundedBy = _fundedBy[marketId][pool];
        if (inc.swept || fundedBy == 0) return 0;
        return fundedBy.mulDivUp(uint256(inc.funded) - _claimed[marketId].paid, inc.funded);
    }

    /// @inheritdoc ISettlement
    function isPaid(uint256 policyId) public view returns (bool) {
        return _paidBitmap[policyId >> 8] & (uint256(1) << (policyId & 0xff)) != 0;
    }

    /// @inheritdoc ISettlement
    function payoutOf(uint256 policyId) external view returns (uint256) {
        Policy memory pol = COVER.policy(policyId);
        return _payable(policyId, pol, _incidents[pol.marketId], _terms[pol.marketId].claimWindow);
    }

    /* INTERNAL */

    /// @dev Fixes the incident from the fired trigger and marks the market TRIGGERED. A zero payout ratio pays
    /// nothing, in either payout mode.
    function _open(uint256 marketId) internal returns (Incident memory inc) {
        Market memory m = MARKETS.market(marketId);
        require(m.claimMode == ClaimMode.PARAMETRIC, ErrorsLib.WrongClaimMode(marketId));
        TriggerState state = ITrigger(m.trigger).state();
        require(state == TriggerState.TRIGGERED, ErrorsLib.TriggerNotFired(marketId, state));
        (uint256 time, uint256 payoutWad) = ITrigger(m.trigger).incident();
        if (payoutWad != 0 && (m.payoutMode == PayoutMode.BINARY || payoutWad > WAD)) payoutWad = WAD;
        inc.time = SafeCast.toUint40(time);
        inc.payoutPerUnitWad = uint64(payoutWad * (BPS - m.deductibleBps) / BPS);
        inc.opened = true;
        _terms[marketId] = Terms(m.asset, m.claimWindow);
        MARKETS.markTriggered(marketId);
    }

    function _payout(uint256 policyId, Policy memory pol, Incident memory inc) internal view returns (uint256 p) {
        require(inc.settledAt != 0, ErrorsLib.NotSettled(pol.marketId));
        require(!isPaid(policyId), ErrorsLib.AlreadyPaid(policyId));
        require(pol.start < inc.time, ErrorsLib.StartedAfterIncident(policyId, pol.start, inc.time));
        require(inc.time < pol.end, ErrorsLib.ExpiredBeforeIncident(policyId, pol.end, inc.time));
        p = _share(pol.amount, inc);
        require(p != 0, ErrorsLib.NothingToPay(policyId));
    }

    /// @dev What `claim` would pay now, or zero where it would revert (as `_payout` and the claim window).
    function _payable(uint256 policyId, Policy memory pol, Incident memory inc, uint256 claimWindow)
        internal
        view
        returns (uint256)
    {
        if (inc.settledAt == 0 || isPaid(policyId) || pol.start >= inc.time || inc.time >= pol.end) return 0;
        if (block.timestamp > uint256(inc.settledAt) + claimWindow) return 0;
        return _share(pol.amount, inc);
    }

    /// @dev Marks the policy paid (INV-PAYOUT) and books the payout against its market.
    function _record(uint256 policyId, Policy memory pol, Incident memory inc, uint256 payout) internal {
        _paidBitmap[policyId >> 8] |= uint256(1) << (policyId & 0xff);
        Claimed storage c = _claimed[pol.marketId];
        c.paid += uint128(payout);
        c.nominal += uint128(uint256(pol.amount).mulWad(inc.payoutPerUnitWad));
    }

    /// @dev amount x payoutPerUnit, scaled by funded / required when the pools could not fund everything.
    function _share(uint256 amount, Incident memory inc) internal pure returns (uint256 payout) {
        payout = amount.mulWad(inc.payoutPerUnitWad);
        if (inc.funded < inc.required) payout = payout.mulDiv(inc.funded, inc.required);
    }

    /// @dev Returns `back` to the pools in proportion to what each funded (the last funding pool takes the
    /// rounding remainder) and tells each that its reserve is closed.
    function _returnToPools(uint256 marketId, uint256 back, uint256 funded) internal {
        address asset = _terms[marketId].asset;
        uint32[] memory pools = MARKETS.marketPools(marketId);
        uint256 last;
        for (uint256 i; i < pools.length; ++i) {
            if (_fundedBy[marketId][MARKETS.pool(pools[i])] != 0) last = i;
        }
        uint256 returned;
        for (uint256 i; i <= last; ++i) {
            address pool = MARKETS.pool(pools[i]);
            uint256 fundedBy = _fundedBy[marketId][pool];
            if (fundedBy == 0) continue;
            uint256 share = i == last ? back - returned : back.mulDiv(fundedBy, funded);
            returned += share;
            // Returned money was the pool's receivable all along: its share price does not jump.
            if (share != 0) IERC20(asset).safeTransfer(pool, share);
            IPool(pool).reserveReturned(marketId);
            emit EventsLib.ReserveReturned(marketId, pools[i], share);
        }
    }

    /// @dev Pays the policy's current owner and notifies a contract owner with CALLBACK_GAS. The caller must
    /// leave enough gas for the callback (the 63/64 rule would otherwise starve it while the payment succeeds).
    function _pay(uint256 policyId, uint256 marketId, address asset, uint256 amount) internal {
        address owner = IERC721(address(COVER)).ownerOf(policyId);
        IERC20(asset).safeTransfer(owner, amount);
        emit EventsLib.PolicyPaid(policyId, marketId, owner, amount);
        if (owner.code.length != 0) {
            uint256 needed = CALLBACK_GAS * 64 / 63 + 5_000;
            require(gasleft() >= needed, ErrorsLib.InsufficientCallbackGas(gasleft(), needed));
            try IPayoutReceiver(owner).onBackstopPayout{gas: CALLBACK_GAS}(policyId, asset, amount) {} catch {}
        }
    }
}
