// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

/// @title IPayoutReceiver
/// @notice Optional callback for contracts that hold policies (vaults, wrappers) and want to react to payouts.
interface IPayoutReceiver {
    /// @notice Called after `amount` of `asset` was transferred to this contract for `policyId`.
    /// @dev Warning: called with a gas cap; a revert or out-of-gas is ignored and never blocks the payout.
    function onBackstopPayout(uint256 policyId, address asset, uint256 amount) external;
}
