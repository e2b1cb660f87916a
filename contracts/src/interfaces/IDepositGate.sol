// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

/// @title IDepositGate
/// @notice An optional allow-list or KYC hook a curator puts in front of a pool's deposits.
interface IDepositGate {
    /// @notice Whether `caller` may deposit into `pool` for shares minted to `receiver`.
    function isAllowed(address pool, address caller, address receiver) external view returns (bool);
}
