// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {BucketLib} from "./BucketLib.sol";
import {MAX_INCIDENT_LOOKBACK} from "./ConstantsLib.sol";

/// @title ExposureLib
/// @notice One market's exposure in one pool, kept in day buckets so that expiring cover is released, and the
/// exposure live at an incident is found, without touching policies one at a time.
/// @dev Cover is booked under the day its exposure is released: `releaseBucket = endOf(end) + delayDays`. The
/// release delay keeps ended cover booked while a claim on it can still arrive: the incident look-back for
/// parametric markets, the claim window for assessed ones. So capital that an incident or a claim may still
/// need is never sold again.
library ExposureLib {
    /// @dev The longest walk over start days at settlement: the incident look-back plus the longest maturation
    /// delay (30 days) plus one.
    uint256 internal constant START_WALK_DAYS = MAX_INCIDENT_LOOKBACK / 1 days + 31;

    /// @dev Packed in one slot (with the two mappings in their own slots).
    struct Ledger {
        uint128 booked; // booked and not yet released: live cover, cover not yet started, ended cover in its delay
        uint32 lastBucket; // releases are applied up to and including this day
        uint32 maxReleaseBucket; // the latest day any booked cover is released
        uint32 maxStartBucket; // the latest day any booked cover starts
        bool closed; // settled: the exposure was paid out and no longer counts
        mapping(uint256 bucket => uint256) releasingAt;
        mapping(uint256 bucket => uint256) startingAt;
    }

    /// @notice Books `amount` of cover starting in `startBucket` and released in `releaseBucket`.
    function book(Ledger storage l, uint256 amount, uint256 startBucket, uint256 releaseBucket) internal {
        l.booked += uint128(amount);
        if (releaseBucket > l.maxReleaseBucket) l.maxReleaseBucket = uint32(releaseBucket);
        if (startBucket > l.maxStartBucket) l.maxStartBucket = uint32(startBucket);
        l.releasingAt[releaseBucket] += amount;
        l.startingAt[startBucket] += amount;
    }

    /// @notice Cover released in days (lastBucket, upTo] that is still booked.
    /// @dev Walks days up to the latest release day, so an idle market's walk is paid once by the next release.
    function pending(Ledger storage l, uint256 upTo) internal view returns (uint256 released) {
        uint256 last = upTo < l.maxReleaseBucket ? upTo : l.maxReleaseBucket;
        for (uint256 b = uint256(l.lastBucket) + 1; b <= last; ++b) {
            released += l.releasingAt[b];
        }
    }

    /// @notice Booked cover whose end day has not come yet (live or maturing): booked minus cover ended but still
    /// in its release delay. Walks at most `delayDays` days past the last release.
    function inForce(Ledger storage l, uint256 today, uint256 delayDays) internal view returns (uint256 live) {
        live = l.booked;
        uint256 last = _min(today + delayDays, l.maxReleaseBucket);
        for (uint256 b = uint256(l.lastBucket) + 1; b <= last; ++b) {
            live = _sub(live, l.releasingAt[b]);
        }
    }

    /// @notice Releases cover due up to day `upTo`; returns the amount released.
    function release(Ledger storage l, uint256 upTo) internal returns (uint256 released) {
        if (l.lastBucket >= upTo || l.closed) return 0;
        released = pending(l, upTo);
        l.lastBucket = uint32(upTo);
        if (released != 0) l.booked -= uint128(released);
    }

    /// @notice The first day on which cover still live at `incidentTime` can be released: cover released
    /// before it ended strictly before the incident.
    function incidentReleaseDay(uint256 incidentTime, uint256 delayDays) internal pure returns (uint256) {
        return BucketLib.endOf(incidentTime) + delayDays;
    }

    /// @notice Booked exposure that was live at `incidentTime`: started on or before its day and not ended before
    /// it. Callers first release what is due up to min(today, incidentReleaseDay - 1).
    /// @dev Conservative to the day: cover ending earlier on the incident's day, or starting later on it, counts.
    /// Cost: the days from the last release to the incident's release day, plus the days from the incident to the
    /// last start. Triggers date incidents at most MAX_INCIDENT_LOOKBACK back and pools stop releasing a market
    /// once its trigger leaves ACTIVE, so neither walk grows with the incident's age.
    function liveAt(Ledger storage l, uint256 incidentTime, uint256 delayDays) internal view returns (uint256 live) {
        uint256 firstLiveDay = incidentReleaseDay(incidentTime, delayDays);
        live = l.booked;
        // Ended before the incident but still in its release delay (at most delayDays + 1 days once released).
        uint256 last = _min(firstLiveDay - 1, l.maxReleaseBucket);
        for (uint256 b = uint256(l.lastBucket) + 1; b <= last; ++b) {
            live = _sub(live, l.releasingAt[b]);
        }
        // Not started by the incident's day. Sales stop when the trigger leaves ACTIVE and cover starts at most
        // MAX_MATURATION after a sale, so for an incident within the look-back this walk is complete; an incident
        // dated earlier (a trigger breaking its bound) still settles, at a bounded cost.
        uint256 maxStart = l.maxStartBucket;
        uint256 from = BucketLib.at(incidentTime) + 1;
        if (maxStart > START_WALK_DAYS && from < maxStart - START_WALK_DAYS) from = maxStart - START_WALK_DAYS;
        for (uint256 b = from; b <= maxStart; ++b) {
            live = _sub(live, l.startingAt[b]);
        }
    }

    function _sub(uint256 a, uint256 b) private pure returns (uint256) {
        return a > b ? a - b : 0;
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}
