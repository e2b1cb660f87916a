// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {PremiumStreamLib} from "../../src/libraries/PremiumStreamLib.sol";
import {BucketLib} from "../../src/libraries/BucketLib.sol";

/// @notice PremiumStreamLib against a brute-force list of streams.
contract PremiumStreamLibTest is Test {
    using PremiumStreamLib for PremiumStreamLib.Stream;

    struct S {
        uint256 rateX;
        uint256 end;
    }

    PremiumStreamLib.Stream internal s;
    S[] internal streams;

    function setUp() public {
        vm.warp(1_700_000_000);
        s.lastAccrual = uint40(block.timestamp);
    }

    function _add(uint256 amount, uint256 days_) internal {
        uint256 endBucket = BucketLib.endOf(block.timestamp + days_ * 1 days);
        uint256 duration = BucketLib.startTime(endBucket) - block.timestamp;
        s.accrue(); // as the pool does before every sale
        s.add(amount, endBucket);
        streams.push(S(amount * 1e18 / duration, BucketLib.startTime(endBucket)));
    }

    function _unearnedX() internal view returns (uint256 sum) {
        for (uint256 i; i < streams.length; ++i) {
            if (streams[i].end > block.timestamp) sum += streams[i].rateX * (streams[i].end - block.timestamp);
        }
    }

    /// Unearned premium is exactly every stream's rate times its remaining time, accrued or not.
    function test_accrued_matchesBruteForce(uint256 seed, uint256 accrueSeed) public {
        for (uint256 i; i < 8; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            _add(1 + r % 1e12, 1 + (r >> 64) % 90);
            vm.warp(block.timestamp + (r >> 128) % 10 days);
            if ((accrueSeed >> i) & 1 == 1) s.accrue();
            (, uint256 unearnedX) = s.accrued();
            assertEq(unearnedX, _unearnedX());
        }
        vm.warp(block.timestamp + 120 days);
        (uint256 rateX, uint256 unearned) = s.accrued();
        assertEq(unearned, 0, "everything earned after the last end");
        assertEq(rateX, 0);
    }

    /// Accruing writes state but changes no value, and earning never goes backwards.
    function test_accrue_isExactAndMonotone(uint256 amount, uint256 days_, uint256 step) public {
        _add(bound(amount, 1, 1e15), bound(days_, 1, 365));
        uint256 last = type(uint256).max;
        for (uint256 i; i < 6; ++i) {
            vm.warp(block.timestamp + bound(step, 1, 40 days));
            (, uint256 before) = s.accrued();
            s.accrue();
            (, uint256 afterAccrue) = s.accrued();
            assertEq(afterAccrue, before);
            assertLe(afterAccrue, last);
            last = afterAccrue;
        }
    }

    function test_unearnedUp_roundsUp(uint256 x) public pure {
        x = bound(x, 0, type(uint128).max);
        uint256 up = PremiumStreamLib.unearnedUp(x);
        assertGe(up * 1e18, x);
        assertLt(up * 1e18, x + 1e18);
    }
}
