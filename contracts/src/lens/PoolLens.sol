// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

import {IPoolLens, Quote} from "../interfaces/IPoolLens.sol";
import {IPool, MarketConfig} from "../interfaces/IPool.sol";
import {IMarkets} from "../interfaces/IMarkets.sol";
import {Slice} from "../interfaces/ICoverManager.sol";
import {Market, RateCurve} from "../types/Types.sol";
import {RateCurveLib} from "../libraries/RateCurveLib.sol";
import {BPS, WAD, YEAR} from "../libraries/ConstantsLib.sol";

/// @title PoolLens
/// @notice Views and the on-chain quote, computed from the pools' own getters with the same libraries the
/// pools price with, so a quote equals the premium a purchase in the same block would pay.
contract PoolLens is IPoolLens {
    using FixedPointMathLib for uint256;

    IMarkets public immutable MARKETS;

    constructor(IMarkets markets_) {
        MARKETS = markets_;
    }

    /// @inheritdoc IPoolLens
    function quote(uint256 marketId, uint256 amount, uint256 period, uint32[] calldata pools)
        external
        view
        returns (Quote memory q)
    {
        Market memory m = MARKETS.market(marketId);
        Slice[] memory slices = new Slice[](pools.length);
        uint256 n;
        for (uint256 i; i < pools.length && q.filled < amount; ++i) {
            (uint256 filled, uint256 premium) = _slice(IPool(MARKETS.pool(pools[i])), m, marketId, amount - q.filled, period);
            if (filled == 0) continue;
            slices[n++] = Slice({poolId: pools[i], amount: uint96(filled)});
            q.filled += filled;
            q.premium += premium;
        }
        assembly ("memory-safe") {
            mstore(slices, n)
        }
        q.slices = slices;
        if (q.filled != 0 && period != 0) q.annualRateBps = q.premium.mulDiv(BPS * YEAR, q.filled * period);
    }

    /// @inheritdoc IPoolLens
    function currentRateBps(uint256 marketId) external view returns (uint256 best) {
        Market memory m = MARKETS.market(marketId);
        uint32[] memory pools = MARKETS.marketPools(marketId);
        for (uint256 i; i < pools.length; ++i) {
            IPool pool = IPool(MARKETS.pool(pools[i]));
            if (freeCapacity(address(pool), marketId) == 0) continue;
            MarketConfig memory c = pool.marketConfig(marketId);
            uint256 rate = RateCurveLib.rateAt(_curve(c, m), pool.exposure(marketId), pool.capacity(marketId));
            if (best == 0 || rate < best) best = rate;
        }
    }

    /// @inheritdoc IPoolLens
    function underwritingCapital(address pool) public view returns (uint256) {
        uint256 cap = IPool(pool).capital();
        uint256 hold = IPool(pool).claimHold();
        return cap > hold ? cap - hold : 0;
    }

    /// @inheritdoc IPoolLens
    function freeCapacity(address pool, uint256 marketId) public view returns (uint256 free) {
        MarketConfig memory c = IPool(pool).marketConfig(marketId);
        if (c.weightBps == 0 || !c.listed || IPool(pool).exposureLedger(marketId).closed) return 0;
        uint256 cap = underwritingCapital(pool);
        free = _sub(cap * c.weightBps / BPS, IPool(pool).exposure(marketId));
        (, uint32 leverageBps,,,) = IPool(pool).poolParams();
        free = Math.min(free, _sub(cap * leverageBps / BPS, IPool(pool).totalExposure()));
        uint64 groups = c.groups;
        for (uint8 g; groups != 0; ++g) {
            if (groups & 1 == 1) {
                (uint256 booked, uint16 capBps) = IPool(pool).groupExposure(g);
                free = Math.min(free, _sub(cap * capBps / BPS, booked));
            }
            groups >>= 1;
        }
    }

    /// @inheritdoc IPoolLens
    function unearnedPremium(address pool) external view returns (uint256) {
        (uint256 curatorFees, uint256 protocolFees) = IPool(pool).feesOwed();
        uint256 held = IERC20(IERC4626(pool).asset()).balanceOf(pool);
        return _sub(held, IPool(pool).capital() + curatorFees + protocolFees);
    }

    /// @inheritdoc IPoolLens
    function utilisation(address pool, uint256 marketId) external view returns (uint256) {
        uint256 capacity = IPool(pool).capacity(marketId);
        uint256 booked = IPool(pool).exposure(marketId);
        if (capacity == 0) return booked == 0 ? 0 : type(uint256).max;
        return booked.mulDivUp(WAD, capacity);
    }

    /// @inheritdoc IPoolLens
    function worstGroupExposureRatio(address pool) external view returns (uint256 worst) {
        uint256 cap = underwritingCapital(pool);
        uint256 groups = MARKETS.groupCount();
        for (uint256 g; g < groups; ++g) {
            (uint256 booked, uint16 capBps) = IPool(pool).groupExposure(uint8(g));
            if (booked == 0) continue;
            uint256 limit = cap * capBps / BPS;
            worst = Math.max(worst, limit == 0 ? type(uint256).max : booked.mulDivUp(WAD, limit));
        }
    }

    /// @dev One pool's slice: what Pool.underwrite would fill and charge (before other markets' releases).
    function _slice(IPool pool, Market memory m, uint256 marketId, uint256 wanted, uint256 period)
        internal
        view
        returns (uint256 filled, uint256 premium)
    {
        filled = Math.min(wanted, freeCapacity(address(pool), marketId));
        if (filled == 0) return (0, 0);
        MarketConfig memory c = pool.marketConfig(marketId);
        uint256 booked = pool.exposure(marketId);
        premium = RateCurveLib.premiumUp(_curve(c, m), booked, booked + filled, pool.capacity(marketId), period);
    }

    function _sub(uint256 a, uint256 b) internal pure returns (uint256) {
        return a > b ? a - b : 0;
    }

    function _curve(MarketConfig memory c, Market memory m) internal pure returns (RateCurve memory curve) {
        curve = c.curve;
        if (c.followOracle) curve.baseRateBps = m.baseRateBps;
    }
}
