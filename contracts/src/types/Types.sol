// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

/// @notice How a market's claims are decided.
enum ClaimMode {
    PARAMETRIC, // a trigger contract decides; payouts in the block it is proven
    ASSESSED // claims are filed and approved by the fast track or the market's assessors
}

/// @notice How much a valid claim pays.
enum PayoutMode {
    BINARY, // amount x (1 - deductible)
    PROPORTIONAL // amount x trigger payout ratio x (1 - deductible)
}

/// @notice A market's lifecycle. Only ACTIVE markets sell cover.
enum MarketStatus {
    NONE,
    ACTIVE,
    PAUSED,
    TRIGGERED,
    RETIRED
}

/// @notice Everything that defines one insurable risk.
/// @dev Packed into four slots; `buyCover` reads the first three.
struct Market {
    // slot 0
    address asset; // the cover asset: premiums and payouts are in it; pools backing the market hold it
    MarketStatus status;
    ClaimMode claimMode;
    PayoutMode payoutMode;
    uint16 deductibleBps; // share of each payout the holder bears
    uint32 maturationDelay; // cover starts this long after purchase
    // slot 1
    address trigger; // ITrigger for PARAMETRIC markets, zero for ASSESSED
    uint32 minPeriod;
    uint32 maxPeriod;
    uint32 claimWindow; // time after settlement (or incident) during which claims are accepted
    // slot 2
    uint64 groups; // correlation groups, a bitmask over the registry's group ids (at least one bit)
    uint32 baseRateBps; // the risk oracle's base rate, annual, in basis points
    uint32 minBaseRateBps; // the risk oracle may move the base rate within [min, max]
    uint32 maxBaseRateBps;
    uint32 maxRateChangePerDayBps; // ... by at most this much per elapsed day
    uint32 rateUpdatedAt;
    // slot 3
    uint128 fastTrackLimit; // ASSESSED: claims up to this amount take the optimistic fast track
}

/// @notice The rate curve a curator sets for one market in one pool: annual rates in basis points as a
/// function of the market's utilisation u = exposure / capacity in that pool.
/// @dev rate(u) = base + slope1 * u / kink for u <= kink, base + slope1 + slope2 * (u - kink) / (1 - kink) above.
struct RateCurve {
    uint32 baseRateBps;
    uint32 slope1Bps;
    uint32 slope2Bps;
    uint16 kinkBps; // in (0, 10_000)
}

/// @notice What the cover manager passes to a pool for one slice of a purchase.
struct UnderwriteParams {
    uint256 marketId;
    uint256 maxAmount; // fill at most this much cover
    uint256 start; // cover start (purchase + maturation delay)
    uint256 end; // cover end
    uint256 oracleBaseRateBps; // the market's risk-oracle base rate, used when the pool follows it
    uint256 protocolFeeBps;
}

/// @notice Parameters of `buyCover`.
struct BuyCoverParams {
    uint256 marketId;
    uint256 amount; // cover amount in the market's asset
    uint256 period; // seconds of cover
    uint32[] pools; // candidate pools, in order of preference; filled greedily up to free capacity
    uint256 maxPremium; // the buyer pays at most this, commission included
    address owner; // receives the policy NFT
    address integrator; // receives the commission (zero for none)
    uint16 commissionBps; // integrator commission on top of the premium, capped by governance
}
