// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";
import {RateCurve} from "../types/Types.sol";
import {BPS, YEAR} from "./ConstantsLib.sol";

/// @title RateCurveLib
/// @notice Premium as the area under a kinked rate curve, so splitting an order gains nothing.
/// @dev Exposures are scaled by 10_000 (x = e * 1e4) so that the kink K = capacity * kinkBps is an integer.
/// For a slice [a, b] in x-space:
///   below the kink: area = base (b - a) + slope1 (b - a)(a + b) / (2K)
///   above the kink: area = (base + slope1)(b - a) + slope2 (b - a)(a + b - 2K) / (2 (C - K)), C = capacity * 1e4
/// premium = area * period / (1e4 [x-space] * 1e4 [bps] * 365 days), every division rounded up (favours the pool).
library RateCurveLib {
    using FixedPointMathLib for uint256;


    /// @notice The premium for moving a market's exposure in a pool from `e0` to `e1` for `period` seconds.
    /// @dev Requires e0 <= e1 <= capacity and 0 < kinkBps < 10_000 (callers guarantee both). Rounded up.
    function premiumUp(RateCurve memory curve, uint256 e0, uint256 e1, uint256 capacity, uint256 period)
        internal
        pure
        returns (uint256)
    {
        if (e1 == e0) return 0;
        uint256 a = e0 * BPS;
        uint256 b = e1 * BPS;
        uint256 k = capacity * curve.kinkBps;
        uint256 area;
        if (a < k) area += _areaBelowKink(curve, a, b < k ? b : k, k);
        if (b > k) area += _areaAboveKink(curve, a > k ? a : k, b, k, capacity * BPS);
        return area.mulDivUp(period, BPS * BPS * YEAR);
    }

    /// @notice The annual rate (bps) at exposure `e` of `capacity`; rounded down. Used for quotes and views.
    function rateAt(RateCurve memory curve, uint256 e, uint256 capacity) internal pure returns (uint256) {
        if (capacity == 0) return uint256(curve.baseRateBps) + curve.slope1Bps + curve.slope2Bps;
        uint256 x = e * BPS;
        uint256 k = capacity * curve.kinkBps;
        if (x <= k) return curve.baseRateBps + FixedPointMathLib.mulDiv(curve.slope1Bps, x, k);
        uint256 c = capacity * BPS;
        if (x >= c) return uint256(curve.baseRateBps) + curve.slope1Bps + curve.slope2Bps;
        return uint256(curve.baseRateBps) + curve.slope1Bps + FixedPointMathLib.mulDiv(curve.slope2Bps, x - k, c - k);
    }

    function _areaBelowKink(RateCurve memory curve, uint256 a, uint256 b, uint256 k) private pure returns (uint256) {
        uint256 width = b - a;
        return uint256(curve.baseRateBps) * width + (uint256(curve.slope1Bps) * width).mulDivUp(a + b, 2 * k);
    }

    function _areaAboveKink(RateCurve memory curve, uint256 a, uint256 b, uint256 k, uint256 c)
        private
        pure
        returns (uint256)
    {
        uint256 width = b - a;
        return (uint256(curve.baseRateBps) + curve.slope1Bps) * width
            + (uint256(curve.slope2Bps) * width).mulDivUp(a + b - 2 * k, 2 * (c - k));
    }
}
