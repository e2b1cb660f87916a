// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {BuyCoverParams} from "../types/Types.sol";

/// @notice One pool's part of a policy.
struct Slice {
    uint32 poolId;
    uint96 amount;
}

/// @notice A policy, packed in one slot. Multi-pool allocations are stored beside it.
struct Policy {
    uint96 amount; // cover amount
    uint40 start; // cover starts (purchase + maturation delay)
    uint40 end; // cover ends
    uint32 marketId;
    uint8 poolCount;
    uint32 firstPoolId; // the pool of a single-pool policy
}

/// @title ICoverManager
/// @notice Sells cover as transferable ERC-721 policies.
interface ICoverManager {
    /// @notice Buys cover on one market, filling the candidate pools greedily in order up to each pool's free
    /// capacity, and mints a policy to `p.owner`. The premium goes straight to the pools; the integrator's
    /// commission, on top, straight to the integrator.
    /// @dev Reverts UnknownMarket, MarketNotActive, TriggerNotActive (an incident is in progress), ProtocolPaused,
    /// ZeroAmount, PeriodOutOfBounds, InvalidPoolCount, UnknownPool, DuplicatePool, InsufficientCapacity,
    /// PremiumTooHigh, CommissionTooHigh, CommissionWithoutIntegrator, ZeroAddress. Nothing is applied on revert.
    /// @return policyId The new policy.
    /// @return premium The premium paid to the pools (commission excluded).
    function buyCover(BuyCoverParams calldata p) external returns (uint256 policyId, uint256 premium);

    /// @notice `buyCover` after an EIP-2612 permit of the market's asset to this contract.
    /// @dev Warning: a failing permit is ignored (it may have been front-run); the purchase then needs allowance.
    function buyCoverWithPermit(BuyCoverParams calldata p, uint256 permitValue, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        returns (uint256 policyId, uint256 premium);

    /// @notice The policy `policyId`.
    function policy(uint256 policyId) external view returns (Policy memory);

    /// @notice The pools a policy is allocated to and how much each covers.
    function slices(uint256 policyId) external view returns (Slice[] memory);

    /// @notice The id the next policy will get; ids start at 1.
    function nextPolicyId() external view returns (uint256);

    /// @notice The registry.
    function markets() external view returns (address);
}
