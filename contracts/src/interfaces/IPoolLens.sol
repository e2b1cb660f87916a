// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Slice} from "./ICoverManager.sol";

/// @notice A quote for cover on one market over candidate pools.
struct Quote {
    uint256 filled; // cover the candidate pools can take now (<= the amount asked)
    uint256 premium; // premium for `filled`, commission excluded, exactly as buyCover would charge now
    uint256 annualRateBps; // premium per year of cover, in basis points of `filled` (0 when nothing fills)
    Slice[] slices; // the greedy fill, in candidate order
}

/// @title IPoolLens
/// @notice Read-only views over pools that need not live in the Pool's bytecode, and an on-chain quote, so
/// contracts (routers, vaults, risk-price feeds) can price cover without off-chain help.
interface IPoolLens {
    /// @notice What buyCover(marketId, amount, period, pools) would fill and charge now, filling the candidate
    /// pools greedily in order up to each pool's free capacity, as the cover manager does.
    /// @dev A view: it does not release other markets' expired cover, so it may fill less than a purchase
    /// would (never more). Reverts UnknownMarket, UnknownPool.
    function quote(uint256 marketId, uint256 amount, uint256 period, uint32[] calldata pools)
        external
        view
        returns (Quote memory q);

    /// @notice The market's current annual rate in basis points: the rate at current utilisation of the
    /// cheapest listed backing pool with free capacity (0 when none has any).
    function currentRateBps(uint256 marketId) external view returns (uint256);

    /// @notice Capital that backs new sales in `pool`: capital minus the claim hold.
    function underwritingCapital(address pool) external view returns (uint256);

    /// @notice Cover `pool` can sell on `marketId` now: the tightest of market, group and leverage limits
    /// (before other markets' expired cover is released).
    function freeCapacity(address pool, uint256 marketId) external view returns (uint256);

    /// @notice Premium `pool` holds but its LPs have not earned yet.
    function unearnedPremium(address pool) external view returns (uint256);

    /// @notice Utilisation of `marketId` in `pool` (1e18 = 100%).
    function utilisation(address pool, uint256 marketId) external view returns (uint256);

    /// @notice The highest group exposure / (capital x cap) over the pool's groups (1e18 = at the cap).
    function worstGroupExposureRatio(address pool) external view returns (uint256);
}
