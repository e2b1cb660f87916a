// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ITrigger} from "./ITrigger.sol";

/// @title IDrainTrigger
/// @notice Fires when an observed value (a contract's token balance, or an ITvlReader's tvl) falls more than a
/// set fraction below its maximum within a rolling window, and the drop is seen in CONFIRMATIONS distinct blocks
/// spanning at least `confirmDelay` seconds without any reading in between back above the threshold.
/// @dev The window maximum is kept in a ring of per-bucket maxima (`bucketCount` buckets of window / bucketCount
/// seconds), so it covers between window - window / bucketCount and window seconds back. O(bucketCount) storage.
/// Flash-loan resistance, both ways:
/// - a drop opens a candidate (FROZEN) at the first poke that sees it. It fires only when pokes in at least
///   CONFIRMATIONS distinct blocks (the opening one included) have seen it, the last at least `confirmDelay`
///   seconds after the first. Any reading back at or above the threshold, in the same block or a later one,
///   cancels it. A drop that exists only inside the attacker's transactions (a flash loan) therefore fires only if
///   the attacker makes every reading in CONFIRMATIONS blocks across `confirmDelay` and nobody else pokes in
///   between: one honest poke (a keeper's, or the core's own before a sale or an LP exit) cancels it.
/// - a value enters the window maximum only as min(value now, value at the last poke in an earlier block), so a
///   balance inflated for one transaction cannot raise the maximum.
/// Incident time = the first poke that saw the drop, but never earlier than max(deployment, firing time -
/// MAX_INCIDENT_LOOKBACK). Payout ratio = the drop observed at the firing poke, (peak - value) / peak, rounded down;
/// BINARY markets ignore it. A source that reverts or returns malformed data counts as no observation (`ReadFailed`).
/// Warning: the trigger arms from its deployment (it records the value then); holders withdrawing legitimately
/// also lower the value, so choose a value and threshold legitimate flows cannot cross. Keepers should poke a
/// FROZEN drain trigger in every block or so: that is what cancels a drop that is not real.
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

    /// @notice Emitted when the observed value could not be read (the source reverted, ran out of its gas allowance
    /// or returned malformed data): the poke changed nothing.
    event ReadFailed();

    /// @notice Distinct blocks that must see a drop, the opening one included, before it can fire.
    function CONFIRMATIONS() external view returns (uint256);

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

    /// @notice Seconds a drop must persist, between its first and its confirming observation, before it fires.
    function confirmDelay() external view returns (uint256);

    /// @notice The observed value now.
    function currentValue() external view returns (uint256);

    /// @notice The recorded maximum within the window now.
    function windowMax() external view returns (uint256);

    /// @notice The open candidate: when the drop was first seen and the maximum it is measured against (0 if none).
    function candidate() external view returns (uint256 time, uint256 peak);

    /// @notice How many distinct blocks have seen the open candidate's drop (0 if none is open).
    function confirmations() external view returns (uint256);
}
