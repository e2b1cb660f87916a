// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

/// @title ITvlReader
/// @notice A view of the value a protocol holds, in any unit that stays constant over time.
interface ITvlReader {
    /// @notice The value held now.
    /// @dev Warning: a drain trigger reads this on every poke; it must not be cheap to inflate within one block
    /// (e.g. by a deposit that can be withdrawn at once), or an attacker can raise the trigger's recorded maximum.
    function tvl() external view returns (uint256);
}
