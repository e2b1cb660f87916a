// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {BucketLib} from "./BucketLib.sol";
import {WAD} from "./ConstantsLib.sol";

/// @title PremiumStreamLib
/// @notice The LPs' premium, earned linearly from purchase to the start of the cover's end day (INV-UNEARNED).
/// @dev Amounts are scaled by 1e18 ("X units") so that a stream's rate times its duration is exact: accrual
/// never divides, so writing it changes no value.
library PremiumStreamLib {
    struct Stream {
        uint128 rateX; // premium earned per second, X units
        uint40 lastAccrual; // accrued up to this time
        uint40 maxEndBucket; // the latest day at which some stream ends
        uint256 unearnedX; // premium not yet earned, X units
        mapping(uint256 bucket => uint256) rateEndingAt;
    }

    /// @notice Streams `amount` from now until the start of `endBucket`. Requires endBucket's start > now.
    /// @dev Callers accrue first (in the same block): the new rate must not be applied to time already passed.
    /// The remainder below one X unit per second is earned at once: it never enters `unearnedX`.
    function add(Stream storage s, uint256 amount, uint256 endBucket) internal {
        uint256 duration = BucketLib.startTime(endBucket) - block.timestamp;
        uint256 rateX = amount * WAD / duration;
        s.unearnedX += rateX * duration;
        s.rateX += uint128(rateX);
        s.rateEndingAt[endBucket] += rateX;
        if (endBucket > s.maxEndBucket) s.maxEndBucket = uint40(endBucket);
    }

    /// @notice Writes the stream accrued up to now, so later walks over end days stay short.
    function accrue(Stream storage s) internal {
        if (s.lastAccrual == block.timestamp) return;
        (uint256 rateX, uint256 unearnedX) = accrued(s);
        s.rateX = uint128(rateX);
        s.lastAccrual = uint40(block.timestamp);
        s.unearnedX = unearnedX;
    }

    /// @notice The rate and unearned premium now, walking the end days passed since the last accrual.
    function accrued(Stream storage s) internal view returns (uint256 rateX, uint256 unearnedX) {
        rateX = s.rateX;
        unearnedX = s.unearnedX;
        uint256 t = s.lastAccrual;
        if (t == block.timestamp) return (rateX, unearnedX);
        uint256 today = BucketLib.at(block.timestamp);
        uint256 last = today < s.maxEndBucket ? today : s.maxEndBucket;
        uint256 earnedX;
        for (uint256 b = BucketLib.at(t) + 1; b <= last; ++b) {
            uint256 boundary = BucketLib.startTime(b);
            earnedX += rateX * (boundary - t);
            t = boundary;
            rateX -= s.rateEndingAt[b];
        }
        earnedX += rateX * (block.timestamp - t);
        unearnedX -= earnedX;
    }

    /// @notice Unearned premium in asset units, rounded up (excluded from capital: favours the pool).
    function unearnedUp(uint256 unearnedX) internal pure returns (uint256) {
        return (unearnedX + WAD - 1) / WAD;
    }
}
