// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

/// @title BucketLib
/// @notice Day buckets: expiring cover and premium streams are booked by the day they end, so capacity
/// is released without touching policies one at a time.
/// @dev Bucket b covers [b * 1 days, (b + 1) * 1 days). Cover ending at time T is released at the start of
/// bucket ceil(T / 1 days), never before T.
library BucketLib {
    uint256 internal constant DURATION = 1 days;

    /// @notice The bucket containing `time`.
    function at(uint256 time) internal pure returns (uint256) {
        return time / DURATION;
    }

    /// @notice The first bucket whose start is at or after `time`: where exposure ending at `time` is released.
    function endOf(uint256 time) internal pure returns (uint256) {
        return (time + DURATION - 1) / DURATION;
    }

    /// @notice The start time of bucket `b`.
    function startTime(uint256 b) internal pure returns (uint256) {
        return b * DURATION;
    }
}
