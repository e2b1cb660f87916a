// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {ExposureLib} from "../../src/libraries/ExposureLib.sol";
import {BucketLib} from "../../src/libraries/BucketLib.sol";

/// @notice ExposureLib against a brute-force list of slices.
contract ExposureLibTest is Test {
    using ExposureLib for ExposureLib.Ledger;

    struct Slice {
        uint256 amount;
        uint256 startBucket;
        uint256 releaseBucket;
    }

    ExposureLib.Ledger internal l;
    Slice[] internal slices;
    uint256 internal constant DELAY = 7;
    uint256 internal day0;

    function setUp() public {
        vm.warp(1_700_000_000);
        day0 = BucketLib.at(block.timestamp);
        l.lastBucket = uint32(day0);
    }

    /// @dev Books up to 12 slices sold over 20 days, each starting within 30 days and lasting up to 60.
    function _book(uint256 seed) internal {
        uint256 n = 1 + seed % 12;
        for (uint256 i; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            uint256 start = day0 + r % 20 + (r >> 8) % 30;
            uint256 end = start + 1 + (r >> 16) % 60;
            uint256 amount = 1 + (r >> 32) % 1e12;
            l.book(amount, start, end + DELAY);
            slices.push(Slice(amount, start, end + DELAY));
        }
    }

    function _bookedAfter(uint256 day) internal view returns (uint256 sum) {
        for (uint256 i; i < slices.length; ++i) {
            if (slices[i].releaseBucket > day) sum += slices[i].amount;
        }
    }

    function test_release_removesExactlyWhatIsDue(uint256 seed, uint256 upTo) public {
        _book(seed);
        upTo = bound(upTo, day0, day0 + 200);
        uint256 pendingBefore = l.pending(upTo);
        uint256 released = l.release(upTo);
        assertEq(released, pendingBefore, "pending() is what release() applies");
        assertEq(l.booked, _bookedAfter(upTo));
        assertEq(l.release(upTo), 0, "idempotent");
    }

    function test_inForce_countsCoverWhoseEndDayHasNotCome(uint256 seed, uint256 day, uint256 synced) public {
        _book(seed);
        day = bound(day, day0, day0 + 200);
        synced = bound(synced, day0, day);
        l.release(synced);
        assertEq(l.inForce(day, DELAY), _bookedAfter(day + DELAY));
    }

    /// liveAt equals the brute-force sum of slices started by the incident's day and not released before the
    /// incident's first live day, for incidents inside the look-back of the last start.
    function test_liveAt_matchesBruteForce(uint256 seed, uint256 incidentDay, uint256 secondOfDay) public {
        _book(seed);
        // Sales stop once a trigger leaves ACTIVE and cover starts at most 30 days after a sale, so every start
        // lies within 37 days after an incident dated inside the look-back.
        uint256 maxStart = l.maxStartBucket;
        incidentDay = bound(incidentDay, maxStart > day0 + 37 ? maxStart - 37 : day0, maxStart + 30);
        uint256 incident = BucketLib.startTime(incidentDay) + bound(secondOfDay, 1, 1 days - 1);
        uint256 firstLiveDay = ExposureLib.incidentReleaseDay(incident, DELAY);
        uint256 today = incidentDay + 3;
        l.release(today < firstLiveDay - 1 ? today : firstLiveDay - 1);
        uint256 expected;
        for (uint256 i; i < slices.length; ++i) {
            if (slices[i].startBucket <= incidentDay && slices[i].releaseBucket >= firstLiveDay) {
                expected += slices[i].amount;
            }
        }
        assertEq(l.liveAt(incident, DELAY), expected);
    }

    /// An incident dated long before anything was booked (a trigger breaking its bound) still settles at a
    /// bounded cost; the reserve it asks for stays conservative (never more than what is booked).
    function test_liveAt_ancientIncidentIsBounded(uint256 seed) public {
        _book(seed);
        uint256 before = gasleft();
        uint256 live = l.liveAt(1, DELAY);
        assertLt(before - gasleft(), 200_000);
        assertLe(live, l.booked);
    }
}
