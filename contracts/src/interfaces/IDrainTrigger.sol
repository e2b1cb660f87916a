// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ITrigger} from "./ITrigger.sol";

/// @title IDrainTrigger
/// @notice Fires when an observed value (a contract's token balance, or an ITvlReader's tvl) falls more than a
/// set fraction below its maximum within a rolling window, and the drop persists for `confirmDelay` seconds.
/// @dev The window maximum is kept in a ring of per-bucket maxima (`bucketCount` buckets of window / bucketCount
/// seconds), so it covers between window - window / bucketCount and window seconds back. O(bucketCount) storage.
/// Flash-loan resistance, both ways:
/// - a drop opens a candidate (FROZEN) at the first poke that sees it; it fires only at a poke at least
///   `confirmDelay` seconds later that still sees it; any poke in between that sees the value back above the
///   threshold cancels it. A drop restored within the same transaction or block therefore cannot fire.
/// - a value enters the window maximum only as min(value now, value at the last poke in an earlier block), so a
///   balance inflated for one transaction cannot raise the maximum.
/// Incident time = the first poke that saw the drop. Payout ratio = the drop observed at the firing poke,
/// (peak - value) / peak, rounded down; BINARY markets ignore it.
/// Warning: the trigger arms from its deployment (it records the value then); holders withdrawing legitimately
/// also lower the value, so choose a value and threshold legitimate flows cannot cross.
interface IDrainTrigger is ITrigger {
    /// @notice Thrown when the observed source is the zero address.
    error ZeroSource();
    /// @notice Thrown unless 0 < maxDropWad < 1e18.
    error InvalidMaxDrop(uint256 maxDropWad);
    /// @notice Thrown unless 1 <= bucketCount <= MAX_BUCKETS and the window splits into whole seconds per bucket.
    error InvalidBuckets(uint256 window, uint256 bucketCount);
    /// @notice Thrown unless 0 < confirmDelay <= window.
    error InvalidConfirmDelay(uint256 confirmDelay, uint256 window);

    /// @notice Emitted on every poke that was not final.
    /// @param value The value observed.
    /// @param peak The maximum the drop is measured against (the candidate's while FROZEN).
    event Observed(uint256 value, uint256 peak);

    /// @notice The token whose balance is observed, or the ITvlReader when `holder` is zero.
    function source() external view returns (address);

    /// @notice The account whose `source` balance is observed, or zero to read `ITvlReader(source).tvl()`.
    function holder() external view returns (address);

    /// @notice The drop that fires the trigger, 1e18 = 100% (e.g. 0.5e18: value < 50% of the window maximum).
    function maxDropWad() external view returns (uint256);

    /// @notice The rolling window, in seconds.
    function window() external view returns (uint256);

    /// @notice The number of buckets the window is split into.
    function bucketCount() external view returns (uint256);

    /// @notice Seconds a drop must persist, between two pokes, before the trigger fires.
    function confirmDelay() external view returns (uint256);

    /// @notice The observed value now.
    function currentValue() external view returns (uint256);

    /// @notice The recorded maximum within the window now.
    function windowMax() external view returns (uint256);

    /// @notice The open candidate: when the drop was first seen and the maximum it is measured against (0 if none).
    function candidate() external view returns (uint256 time, uint256 peak);
}
