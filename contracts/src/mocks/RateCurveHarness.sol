// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {RateCurve} from "../types/Types.sol";
import {RateCurveLib} from "../libraries/RateCurveLib.sol";
import {BucketLib} from "../libraries/BucketLib.sol";

/// @title RateCurveHarness
/// @notice Exposes the pricing and bucket libraries so off-chain mirrors can be checked against them.
contract RateCurveHarness {
    function premiumUp(RateCurve memory curve, uint256 e0, uint256 e1, uint256 capacity, uint256 period)
        external
        pure
        returns (uint256)
    {
        return RateCurveLib.premiumUp(curve, e0, e1, capacity, period);
    }

    function rateAt(RateCurve memory curve, uint256 e, uint256 capacity) external pure returns (uint256) {
        return RateCurveLib.rateAt(curve, e, capacity);
    }

    function bucketAt(uint256 time) external pure returns (uint256) {
        return BucketLib.at(time);
    }

    function bucketEndOf(uint256 time) external pure returns (uint256) {
        return BucketLib.endOf(time);
    }
}
