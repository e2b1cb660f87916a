// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {RateCurve, UnderwriteParams} from "../types/Types.sol";
import {IERC7540Operator, IERC7540Redeem, IERC7575} from "./IERC7540.sol";

/// @notice A curator's settings for one market in one pool, packed in one slot.
struct MarketConfig {
    uint16 weightBps; // capacity = pool capital x weight; zero = not backed
    bool followOracle; // base rate comes from the market's risk oracle instead of the curve
    bool listed; // in the market's list of backing pools (settlement reaches only listed pools)
    uint16 releaseDelayDays; // ended cover stays booked this long: the incident look-back or the claim window
    uint8 index; // position in the pool's backed markets
    uint64 groups; // the market's correlation groups, copied from the registry
    RateCurve curve;
}

/// @notice One market's exposure in one pool, as seen from outside.
struct Exposure {
    uint128 booked; // cover booked and not yet released (live, not yet started, or ended within its release delay)
    uint32 lastBucket; // releases are applied up to and including this day
    uint32 maxReleaseBucket; // the latest day any booked cover is released
    uint32 maxStartBucket; // the latest day any booked cover starts
    bool closed; // settled: the exposure was paid out and no longer counts
}

/// @title IPool
/// @notice An ERC-4626 vault over one cover asset whose capital backs the markets its curator chooses.
/// Deposits are synchronous ERC-4626; redemptions are asynchronous ERC-7540 requests (ERC-7575 `share()`).
/// @dev Valuation. `totalAssets` (the deposit price) = capital + the pool's share of reserves not yet paid or
/// returned: reserve money stays the property of the shares that funded it. Exits are valued at
/// `exitCapital` = capital - capital held for pending assessed claims, excluding reserves, at both the request
/// and the redemption (the lower of the two is paid), so an LP who leaves during a claim or a settlement
/// bears it in full and never takes what returns later. Redemptions never take capital below `lockedCapital`.
interface IPool is IERC7540Redeem, IERC7540Operator, IERC7575 {
    /* CURATOR */

    /// @notice Sets a market's capacity weight and rate curve. Curator. The first call registers the market in
    /// the pool (at most 16); a positive weight lists the pool among the market's backers.
    /// @dev Risk-increasing changes (a new market, a higher weight, any lower rate or a changed kink or oracle
    /// mode) are queued for max(timelock, cooldown) and applied by the same call once that has passed (see
    /// `pendingChange`), so LPs who disagree can request and redeem first; others apply at once. Pools without
    /// shares apply every change at once.
    /// Reverts WeightTooHigh, InvalidKink, RateBelowFloor, AssetMismatch, MarketNotActive, TooManyMarkets,
    /// TimelockPending.
    function setMarketConfig(uint256 marketId, uint16 weightBps, RateCurve calldata curve, bool followOracle) external;

    /// @notice Sets the cap on exposure to correlation group `groupId` as a share of capital (at most 100%). Curator.
    /// @dev A higher cap waits the timelock. Reverts UnknownGroup, GroupCapTooHigh, GroupCapBelowExposure,
    /// TimelockPending.
    function setGroupCap(uint8 groupId, uint16 capBps) external;

    /// @notice Sets the curator fee, the leverage cap (total exposure / capital), the redemption cooldown and
    /// the gate on deposits and share transfers (zero for none). Curator.
    /// @dev A higher fee, higher leverage or longer cooldown waits the timelock. Reverts FeeTooHigh,
    /// InvalidLeverage, InvalidCooldown, LeverageBelowExposure, TimelockPending.
    function setPoolParams(uint16 curatorFeeBps, uint32 leverageBps, uint32 cooldown, address gate) external;

    /// @notice Sets the curator timelock. Curator. Raising applies at once; lowering waits the current timelock.
    /// @dev Reverts InvalidTimelock, TimelockPending.
    function setTimelock(uint32 timelock) external;

    /// @notice Drops a queued change before it applies. Curator.
    function revokeChange(bytes32 changeId) external;

    /// @notice Hands curatorship to `newCurator`. Curator.
    function setCurator(address newCurator) external;

    /// @notice Pays accrued curator fees to `to`. Curator.
    function claimCuratorFees(address to) external returns (uint256 amount);

    /// @notice Pays accrued protocol fees to the registry's treasury. Anyone.
    function claimProtocolFees() external returns (uint256 amount);

    /* MODULES */

    /// @notice Underwrites up to `p.maxAmount` of cover on `p.marketId`; returns the amount filled (zero when
    /// the pool has no free capacity for it or is not listed) and the gross premium, which the caller
    /// transfers in. Cover manager only; it has refreshed the market's trigger.
    function underwrite(UnderwriteParams calldata p) external returns (uint256 filled, uint256 premium);

    /// @notice Earmarks this pool's share of a parametric incident on `marketId` and sends it to the settlement
    /// module, then closes the market in this pool (its exposure no longer counts). Settlement only.
    /// @dev Eligible exposure is the cover live at `incidentTime` (conservative to the day, so the reserve covers
    /// every eligible policy: INV-RESERVE). funded = min(required, capital - claim hold): capital held for
    /// assessed claims is never taken. Cost does not grow with the incident's age (see ExposureLib.liveAt).
    /// @return required eligible x payoutPerUnitWad / 1e18, rounded up.
    /// @return funded What the pool paid into the reserve.
    function settle(uint256 marketId, uint256 incidentTime, uint256 payoutPerUnitWad)
        external
        returns (uint256 required, uint256 funded);

    /// @notice Called by settlement after it returned this pool's unclaimed reserve of `marketId`. Settlement only.
    function reserveReturned(uint256 marketId) external;

    /// @notice Removes the pool from `marketId`'s backers (weight set to zero). Registry only.
    function delist(uint256 marketId) external;

    /// @notice Holds (`held`) or releases capital for a pending assessed claim; held capital is locked and
    /// excluded from exits and from underwriting. Assessed claims only.
    function holdForClaim(uint256 amount, bool held) external;

    /// @notice Releases `held` from the claim hold and pays `amount` of capital to `to`. Assessed claims only.
    function payClaim(address to, uint256 amount, uint256 held) external;

    /* ANYONE */

    /// @notice Applies expirations of `marketId` up to today so its capacity is released (not while its
    /// trigger is FROZEN or TRIGGERED: that cover may still be owed).
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
    /// @notice A market's exposure ledger in this pool, as stored.
    function exposureLedger(uint256 marketId) external view returns (Exposure memory);
    /// @notice Cover booked on `marketId` net of releases due today (TVC of this pool on that market).
    function exposure(uint256 marketId) external view returns (uint256);
    /// @notice Cover on `marketId` that has not ended (live or maturing): this pool's part of the market's TVC.
    /// @dev `exposure` also counts ended cover still in its release delay (it may still be owed).
    function coverInForce(uint256 marketId) external view returns (uint256);
    /// @notice Exposure to correlation group `groupId` and its cap.
    function groupExposure(uint8 groupId) external view returns (uint256 booked, uint16 capBps);
    /// @notice Exposure summed over markets.
    function totalExposure() external view returns (uint256);
    /// @notice Capital: assets held minus unearned premium and fees owed.
    function capital() external view returns (uint256);
    /// @notice The pool's share of settlement reserves not yet paid or returned (part of totalAssets).
    function reserveReceivable() external view returns (uint256);
    /// @notice Capital that active exposure and pending claims require.
    function lockedCapital() external view returns (uint256);
    /// @notice Capital that may be withdrawn now.
    function freeCapital() external view returns (uint256);
    /// @notice Capacity on `marketId`: underwriting capital x weight.
    function capacity(uint256 marketId) external view returns (uint256);
    /// @notice Fees owed to the curator and the protocol.
    function feesOwed() external view returns (uint256 curatorFees, uint256 protocolFees);
    /// @notice A controller's request: escrowed shares, their value at the request price, when claimable.
    function redeemRequest(address controller)
        external
        view
        returns (uint256 shares, uint256 assets, uint256 claimableAt);
    /// @notice Capital held for pending assessed claims.
    function claimHold() external view returns (uint256);
    /// @notice Pool parameters.
    function poolParams()
        external
        view
        returns (uint16 curatorFeeBps, uint32 leverageBps, uint32 cooldown, address gate, uint32 timelock);
    /// @notice When a queued change can be applied (0: none queued). `changeId` = keccak256 of the call's calldata.
    function pendingChange(bytes32 changeId) external view returns (uint256 executableAt);
    /// @notice Whether redemptions are open: every backed market's trigger is ACTIVE, or its incident settled.
    function exitsOpen() external view returns (bool);
}
