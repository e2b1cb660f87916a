// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {BucketLib} from "../../src/libraries/BucketLib.sol";

contract BucketLibTest is Test {
    function test_at_containsTime(uint256 t) public pure {
        t = bound(t, 0, type(uint64).max);
        uint256 b = BucketLib.at(t);
        assertLe(BucketLib.startTime(b), t);
        assertGt(BucketLib.startTime(b + 1), t);
    }

    /// Exposure ending at T is released at the first bucket start at or after T, never before T.
    function test_endOf_neverBeforeTime(uint256 t) public pure {
        t = bound(t, 0, type(uint64).max);
        uint256 b = BucketLib.endOf(t);
        assertGe(BucketLib.startTime(b), t);
        if (b > 0) assertLt(BucketLib.startTime(b - 1), t);
    }

    function test_endOf_atBoundaryIsSameBucket(uint256 b) public pure {
        b = bound(b, 0, type(uint32).max);
        assertEq(BucketLib.endOf(BucketLib.startTime(b)), b);
        assertEq(BucketLib.at(BucketLib.startTime(b)), b);
        assertEq(BucketLib.endOf(BucketLib.startTime(b) + 1), b + 1);
    }

    function test_endOf_atMostOneAfterAt(uint256 t) public pure {
        t = bound(t, 0, type(uint64).max);
        uint256 diff = BucketLib.endOf(t) - BucketLib.at(t);
        assertLe(diff, 1);
        assertEq(diff == 0, t % 1 days == 0);
    }

    function test_at_monotone(uint256 a, uint256 b) public pure {
        a = bound(a, 0, type(uint64).max);
        b = bound(b, a, type(uint64).max);
        assertLe(BucketLib.at(a), BucketLib.at(b));
        assertLe(BucketLib.endOf(a), BucketLib.endOf(b));
    }
}
