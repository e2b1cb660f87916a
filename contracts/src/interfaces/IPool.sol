// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {RateCurve, UnderwriteParams} from "../types/Types.sol";

/// @notice A curator's settings for one market in one pool, packed in one slot.
struct MarketConfig {
    uint16 weightBps; // capacity = pool capital x weight; zero = not backed
    bool followOracle; // base rate comes from the market's risk oracle instead of the curve
    uint64 groups; // the market's correlation groups, copied from the registry
    RateCurve curve;
}

/// @notice One market's exposure in one pool, packed in one slot.
struct Exposure {
    uint128 booked; // cover sold and not yet released, including cover not yet started
    uint32 lastBucket; // expirations are applied up to and including this day
    uint32 maxEndBucket; // the latest day any cover of this market ends
    uint32 maxStartBucket; // the latest day any cover of this market starts
    bool closed; // settled: the exposure was paid out and no longer counts
}

/// @notice An LP's pending redemption, packed in one slot: shares escrowed in the pool, their value at the
/// request price, and when they can be redeemed.
struct RedeemRequest {
    uint120 shares;
    uint96 assets;
    uint40 claimableAt;
}

/// @title IPool
/// @notice An ERC-4626 vault over one cover asset whose capital backs the markets its curator chooses.
/// @dev Withdrawals are asynchronous: `requestRedeem` escrows shares; after the cooldown `redeem` or
/// `withdraw` pays min(value at request, value at redeem), and never takes capital below `lockedCapital`.
interface IPool {
    /* CURATOR */

    /// @notice Sets a market's capacity weight and rate curve. Curator. The first call with a positive
    /// weight registers the pool as a backer of the market (at most 16 markets per pool).
    /// @dev Reverts WeightTooHigh, InvalidKink, AssetMismatch, MarketNotActive, TooManyMarkets.
    function setMarketConfig(uint256 marketId, uint16 weightBps, RateCurve calldata curve, bool followOracle) external;

    /// @notice Sets the cap on exposure to correlation group `groupId` as a share of capital (at most 100%). Curator.
    /// @dev Reverts GroupCapTooHigh, GroupCapBelowExposure.
    function setGroupCap(uint8 groupId, uint16 capBps) external;

    /// @notice Sets the curator fee, the leverage cap (total exposure / capital), the withdrawal cooldown and
    /// the deposit gate (zero for none). Curator.
    function setPoolParams(uint16 curatorFeeBps, uint32 leverageBps, uint32 cooldown, address depositGate) external;

    /// @notice Hands curatorship to `newCurator`. Curator.
    function setCurator(address newCurator) external;

    /// @notice Pays accrued curator fees to `to`. Curator.
    function claimCuratorFees(address to) external returns (uint256 amount);

    /// @notice Pays accrued protocol fees to the registry's treasury. Anyone.
    function claimProtocolFees() external returns (uint256 amount);

    /* LPs */

    /// @notice Escrows `shares` of `owner` for redemption after the cooldown; returns when they can be redeemed.
    /// @dev Another request by the same owner adds to the pending one and restarts its cooldown.
    function requestRedeem(uint256 shares, address owner) external returns (uint256 claimableAt);

    /* MODULES */

    /// @notice Underwrites up to `p.maxAmount` of cover on `p.marketId`; returns the amount filled (zero when
    /// the pool has no free capacity for it) and the gross premium, which the caller transfers in.
    /// Cover manager only.
    function underwrite(UnderwriteParams calldata p) external returns (uint256 filled, uint256 premium);

    /// @notice Earmarks this pool's share of a parametric incident on `marketId` and sends it to the settlement
    /// module, then closes the market in this pool (its exposure no longer counts). Settlement only.
    /// @dev Eligible exposure is the cover active at `incidentTime`, including cover that expired since and
    /// excluding cover that started after it, computed from the day buckets in O(days since the incident):
    /// conservative to the day (it may include cover that ended or started on the incident's day), so the
    /// reserve always covers every eligible policy (INV-RESERVE). funded = min(required, capital).
    /// @return required eligible x payoutPerUnitWad / 1e18, rounded up.
    /// @return funded What the pool paid into the reserve.
    function settle(uint256 marketId, uint256 incidentTime, uint256 payoutPerUnitWad)
        external
        returns (uint256 required, uint256 funded);

    /// @notice Holds (`held`) or releases capital for a pending assessed claim; held capital is locked. Assessed claims only.
    function holdForClaim(uint256 amount, bool held) external;

    /// @notice Releases `held` from the claim hold and pays `amount` of capital to `to`. Assessed claims only.
    function payClaim(address to, uint256 amount, uint256 held) external;

    /* ANYONE */

    /// @notice Applies expirations of `marketId` up to today so its capacity is released.
    function sync(uint256 marketId) external;

    /* VIEWS */

    /// @notice The registry.
    function markets() external view returns (address);
    /// @notice The curator.
    function curator() external view returns (address);
    /// @notice The markets this pool has backed.
    function backedMarkets() external view returns (uint256[] memory);
    /// @notice A market's configuration in this pool.
    function marketConfig(uint256 marketId) external view returns (MarketConfig memory);
    /// @notice Cover booked on `marketId` and not yet expired (TVC of this pool on that market).
    function exposure(uint256 marketId) external view returns (uint256);
    /// @notice Exposure to correlation group `groupId` (conservative: may include cover expired but not yet synced).
    function groupExposure(uint8 groupId) external view returns (uint256 booked, uint16 capBps);
    /// @notice Exposure summed over markets (conservative like `groupExposure`).
    function totalExposure() external view returns (uint256);
    /// @notice Capital: assets held minus unearned premium and fees owed (= ERC-4626 totalAssets).
    function capital() external view returns (uint256);
    /// @notice Capital that active exposure requires: max over groups of exposure / cap and total / leverage.
    function lockedCapital() external view returns (uint256);
    /// @notice Capital that may be withdrawn now.
    function freeCapital() external view returns (uint256);
    /// @notice Capacity on `marketId`: capital x weight.
    function capacity(uint256 marketId) external view returns (uint256);
    /// @notice Cover that can be sold on `marketId` now: the tightest of market, group and leverage limits.
    function freeCapacity(uint256 marketId) external view returns (uint256);
    /// @notice Utilisation of `marketId` in this pool (1e18 = 100%).
    function utilisation(uint256 marketId) external view returns (uint256);
    /// @notice The highest group exposure / (capital x cap) over the pool's groups (1e18 = at the cap).
    function worstGroupExposureRatio() external view returns (uint256);
    /// @notice Premium not yet earned by LPs.
    function unearnedPremium() external view returns (uint256);
    /// @notice Fees owed to the curator and the protocol.
    function feesOwed() external view returns (uint256 curatorFees, uint256 protocolFees);
    /// @notice An owner's pending redemption and when it becomes claimable.
    function redeemRequest(address owner) external view returns (RedeemRequest memory request, uint256 claimableAt);
    /// @notice Capital held for pending assessed claims.
    function claimHold() external view returns (uint256);
    /// @notice Pool parameters.
    function poolParams()
        external
        view
        returns (uint16 curatorFeeBps, uint32 leverageBps, uint32 cooldown, address depositGate);
}
