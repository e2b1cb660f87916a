// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ClaimMode, Market, MarketStatus} from "../types/Types.sol";

/// @notice The terms `buyCover` needs in one call: the market plus protocol-wide parameters.
struct CoverTerms {
    Market market;
    bool paused;
    uint16 protocolFeeBps;
    uint16 maxCommissionBps;
}

/// @title IMarkets
/// @notice The registry: markets, correlation groups, pools, cover assets and protocol parameters.
/// @dev Governance functions are restricted through an OpenZeppelin AccessManager whose governance role
/// carries an execution delay (the timelock). The guardian role can only pause.
interface IMarkets {
    /// @notice Creates a market and returns its id (ids start at 1).
    /// @dev Governance. Reverts with InvalidMarketParams naming the bad field, AssetNotAllowed, UnknownGroup.
    function createMarket(Market calldata params, string calldata termsURI) external returns (uint256 marketId);

    /// @notice Stops new cover on a market. Guardian or governance. Existing cover is unaffected.
    function pauseMarket(uint256 marketId) external;

    /// @notice Resumes new cover on a paused market. Governance.
    function unpauseMarket(uint256 marketId) external;

    /// @notice Retires a market for good: no new cover; existing cover runs to its end. Governance.
    function retireMarket(uint256 marketId) external;

    /// @notice Marks a market TRIGGERED once its incident is settled. Settlement module only.
    function markTriggered(uint256 marketId) external;

    /// @notice Pauses new risk protocol-wide: no cover is sold. Guardian or governance.
    function pause() external;

    /// @notice Resumes selling cover after `pause`. Governance.
    function unpause() external;

    /// @notice Sets a market's base rate. Risk oracle role.
    /// @dev Must stay within [minBaseRateBps, maxBaseRateBps] and move by at most
    /// maxRateChangePerDayBps x days elapsed since the last update.
    function setBaseRate(uint256 marketId, uint256 rateBps) external;

    /// @notice Sets the risk oracle's bounds for a market and resets its base rate within them. Governance.
    function setRateBounds(uint256 marketId, uint32 minBps, uint32 maxBps, uint32 maxChangePerDayBps, uint32 rateBps)
        external;

    /// @notice Creates a correlation group (at most 64). Governance.
    function createGroup(bytes32 name) external returns (uint8 groupId);

    /// @notice Allows or disallows an asset as cover asset for new markets and pools. Governance.
    function setCoverAsset(address asset, bool allowed) external;

    /// @notice Sets the protocol fee (share of premium), its recipient and the integrator commission cap. Governance.
    function setProtocolParams(address treasury, uint16 protocolFeeBps, uint16 maxCommissionBps) external;

    /// @notice Sets the modules once: cover manager, pool factory, parametric settlement, assessed claims. Governance.
    function setModules(address coverManager, address poolFactory, address settlement, address assessedClaims)
        external;

    /// @notice Registers a pool created by the pool factory; returns its id. Pool factory only.
    function registerPool(address pool, address curator) external returns (uint32 poolId);

    /// @notice Lists pool `msg.sender` among `marketId`'s backers (at most 32 per market). Pools only.
    /// @dev Reverts Unauthorized, UnknownMarket, MarketNotActive, TooManyPools.
    function addMarketPool(uint256 marketId) external;

    /// @notice Removes pool `poolId` from `marketId`'s backers when it holds a slot without backing it: its
    /// capacity on the market is below the market's minimum (or zero) and it has no exposure there. Anyone may
    /// call, so slots cannot be squatted by empty pools. Not while the market is TRIGGERED (being settled).
    /// @dev Reverts UnknownMarket, UnknownPool, NotMarketPool, PoolStillBacking, InvalidStatusTransition.
    function removeMarketPool(uint256 marketId, uint32 poolId) external;

    /// @notice Sets the capacity a pool must keep on `marketId` to hold one of its slots. Governance.
    function setMinPoolCapacity(uint256 marketId, uint256 minCapacity) external;

    /// @notice What a pool needs to back `marketId`: asset, status, claim mode, groups, trigger, claim window.
    function backingTerms(uint256 marketId)
        external
        view
        returns (address asset, MarketStatus status, ClaimMode claimMode, uint64 groups, address trigger, uint32 claimWindow);

    /// @notice The capacity a pool must keep on `marketId` to hold one of its slots (at least 1).
    function minPoolCapacity(uint256 marketId) external view returns (uint256);

    /// @notice The market `marketId`; reverts UnknownMarket if it does not exist.
    function market(uint256 marketId) external view returns (Market memory);

    /// @notice The market and the protocol parameters a purchase needs, in one call.
    function coverTerms(uint256 marketId) external view returns (CoverTerms memory);

    /// @notice The status of a market.
    function marketStatus(uint256 marketId) external view returns (MarketStatus);

    /// @notice The market's terms URI.
    function termsURI(uint256 marketId) external view returns (string memory);

    /// @notice Number of markets; ids run from 1 to this.
    function marketCount() external view returns (uint256);

    /// @notice The pool with id `poolId`; reverts UnknownPool.
    function pool(uint256 poolId) external view returns (address);

    /// @notice The id of `pool` plus one, zero if it is not registered.
    function poolIdPlusOne(address pool) external view returns (uint32);

    /// @notice Number of pools; ids run from 0 to this minus one.
    function poolCount() external view returns (uint256);

    /// @notice The pools that back `marketId`.
    function marketPools(uint256 marketId) external view returns (uint32[] memory);

    /// @notice Number of correlation groups.
    function groupCount() external view returns (uint8);

    /// @notice The name of correlation group `groupId`.
    function groupName(uint8 groupId) external view returns (bytes32);

    /// @notice Whether `asset` may back new markets and pools.
    function isCoverAsset(address asset) external view returns (bool);

    /// @notice The modules.
    function coverManager() external view returns (address);
    function poolFactory() external view returns (address);
    function settlement() external view returns (address);
    function assessedClaims() external view returns (address);
    function treasury() external view returns (address);

    /// @notice Total value covered on `marketId`: cover across its pools that has not ended (live or maturing).
    function tvc(uint256 marketId) external view returns (uint256);

    /// @notice Total value covered over every market, in each market's asset units summed.
    /// @dev Warning: sums amounts of different assets if markets use different cover assets.
    function totalTvc() external view returns (uint256);
}
