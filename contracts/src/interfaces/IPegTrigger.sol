// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {ITrigger} from "./ITrigger.sol";

/// @title IPegTrigger
/// @notice A de-peg trigger over Chainlink-compatible feeds, following the rule Etherisc's USDC de-peg product
/// published: a candidate opens at the first observation below the trigger price (state FROZEN); an observation
/// at or above the recovery price cancels it; otherwise the first observation at or after candidate + window that
/// is still below the recovery price fires the trigger, and that observation's price is the de-peg price.
/// A candidate that no fresh consensus confirms or cancels by candidate + window + maxStaleness (feeds stopped,
/// too few fresh feeds, or fresh feeds that disagree) expires back to ACTIVE at the next poke.
/// @dev An observation is the consensus of the fresh feeds at one poke. A feed's answer is ignored when it is
/// stale (updatedAt + maxStaleness < now), non-positive, from an unanswered round (answeredInRound < roundId),
/// dated in the future, older than the last answer used from that feed, or when the feed reverts, runs out of
/// its gas allowance or returns malformed data (one hostile feed can neither fire nor block the trigger).
/// The consensus is the median of the fresh answers; with an even count the two middle answers must agree: the
/// price counts as below the trigger or as not recovered only if the upper middle is, and as recovered only if the
/// lower middle is, so a single lying feed among two fresh ones can neither open, fire nor cancel a candidate (it
/// can withhold consensus, as a stale feed can; use three or more feeds so that one liar is outvoted).
/// The observation time is the latest updatedAt among the fresh feeds: the first moment the consensus existed.
/// The candidate (and so the incident) is never dated before the deployment, nor before firing time -
/// MAX_INCIDENT_LOOKBACK. A fired trigger's payout ratio is never zero.
/// Warning: one poke evaluates the current observation only. Keepers must poke after each feed update for the
/// candidate and the firing to be dated at the right rounds; a late poke dates them at the round it sees.
interface IPegTrigger is ITrigger {
    /// @notice Why a feed's answer was left out of an observation.
    enum FeedFault {
        REVERTED,
        STALE,
        NON_POSITIVE,
        UNANSWERED_ROUND,
        FUTURE,
        OUT_OF_SEQUENCE
    }

    /// @notice Why a poke evaluated no observation.
    enum SkipReason {
        SEQUENCER_DOWN,
        SEQUENCER_GRACE_PERIOD,
        TOO_FEW_FRESH_FEEDS
    }

    /// @notice The consensus of the fresh feeds at one moment.
    /// @param freshFeeds How many feeds gave a usable answer.
    /// @param priceLow The lower middle fresh answer (the median when `freshFeeds` is odd).
    /// @param priceHigh The upper middle fresh answer (the median when `freshFeeds` is odd).
    /// @param time The latest updatedAt among the fresh feeds.
    struct Observation {
        uint256 freshFeeds;
        int256 priceLow;
        int256 priceHigh;
        uint256 time;
    }

    /// @notice Thrown when the trigger is built without feeds.
    error NoFeeds();
    /// @notice Thrown when more feeds are given than the trigger can hold.
    error TooManyFeeds(uint256 count, uint256 max);
    /// @notice Thrown when a feed address is zero or appears twice.
    error InvalidFeed(uint256 index, address feed);
    /// @notice Thrown when a feed does not use the first feed's decimals.
    error FeedDecimalsMismatch(address feed, uint8 decimals, uint8 expected);
    /// @notice Thrown when the minimum number of fresh feeds is zero or exceeds the number of feeds.
    error InvalidMinFreshFeeds(uint256 minFreshFeeds, uint256 feedCount);
    /// @notice Thrown unless 0 < triggerPrice < recoveryPrice <= peg.
    error InvalidPrices(int256 peg, int256 triggerPrice, int256 recoveryPrice);
    /// @notice Thrown when the window or the maximum staleness is zero.
    error InvalidDuration(uint256 window, uint256 maxStaleness);

    /// @notice Emitted when a feed's answer is left out of an observation.
    /// @param feed The feed.
    /// @param fault Why it was left out.
    event FeedIgnored(address indexed feed, FeedFault fault);

    /// @notice Emitted when a poke evaluated no observation and therefore changed nothing.
    /// @param reason Why.
    event ObservationSkipped(SkipReason reason);

    /// @notice Emitted when a candidate expires: no fresh consensus confirmed or cancelled it in time.
    /// @param candidateTime The expired candidate's start.
    event CandidateExpired(uint256 candidateTime);

    /// @notice The feeds, in construction order.
    function feeds() external view returns (AggregatorV3Interface[] memory);

    /// @notice The peg, in feed units (e.g. 1e8 for $1 on an 8-decimal feed).
    function peg() external view returns (int256);

    /// @notice A consensus below this price opens a candidate.
    function triggerPrice() external view returns (int256);

    /// @notice A consensus at or above this price cancels the candidate.
    function recoveryPrice() external view returns (int256);

    /// @notice Seconds a candidate must last without recovery before the trigger fires.
    function window() external view returns (uint256);

    /// @notice A feed answer older than this many seconds is stale.
    function maxStaleness() external view returns (uint256);

    /// @notice How many fresh feeds an observation needs.
    function minFreshFeeds() external view returns (uint256);

    /// @notice The L2 sequencer uptime feed (answer 0 = up, 1 = down), or the zero address on L1.
    function sequencerFeed() external view returns (AggregatorV3Interface);

    /// @notice Seconds after the sequencer comes back up during which pokes change nothing.
    function gracePeriod() external view returns (uint256);

    /// @notice The open candidate's start (its observation time), or 0 when none is open.
    function candidateTime() external view returns (uint256);

    /// @notice The first time at which a poke expires the open candidate (candidate + window + maxStaleness + 1),
    /// or 0 when none is open.
    function candidateExpiresAt() external view returns (uint256);

    /// @notice The observation a poke would evaluate now; ignores the sequencer.
    /// @dev Warning: `freshFeeds` may be below `minFreshFeeds`; the prices are then meaningless.
    function observe() external view returns (Observation memory);

    /// @notice The payout ratio a de-peg at `depegPrice` pays: (peg - depegPrice) / peg, rounded down, in [0, 1e18].
    function payoutFor(int256 depegPrice) external view returns (uint256);
}
