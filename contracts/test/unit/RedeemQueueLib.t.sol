// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {RedeemQueueLib} from "../../src/libraries/RedeemQueueLib.sol";

/// @notice RedeemQueueLib: requests add up, restart their cooldown, and consuming rounds in the pool's favour.
contract RedeemQueueLibTest is Test {
    using RedeemQueueLib for RedeemQueueLib.Request;

    RedeemQueueLib.Request internal r;

    function test_add_accumulatesAndRestartsCooldown(uint96 a, uint96 b, uint32 gap) public {
        vm.assume(a > 0 && b > 0);
        r.add(a, uint256(a) / 2, block.timestamp + 7 days);
        vm.warp(block.timestamp + gap);
        r.add(b, uint256(b) / 2, block.timestamp + 7 days);
        assertEq(r.shares, uint256(a) + b);
        assertEq(r.assets, uint256(a) / 2 + uint256(b) / 2);
        assertEq(r.claimableAt, block.timestamp + 7 days);
        assertEq(RedeemQueueLib.pendingShares(r), r.shares);
        assertEq(RedeemQueueLib.claimableShares(r), 0);
        vm.warp(block.timestamp + 7 days);
        assertEq(RedeemQueueLib.pendingShares(r), 0);
        assertEq(RedeemQueueLib.claimableShares(r), r.shares);
    }

    /// What stays in a request is never worth more per share than before a partial claim.
    function test_consume_neverRaisesValuePerShare(uint96 shares, uint96 assets, uint96 taken) public {
        vm.assume(shares > 1 && assets > 0);
        taken = uint96(bound(taken, 1, shares - 1));
        r.add(shares, assets, block.timestamp);
        RedeemQueueLib.Request memory m = r;
        uint256 paidMax = RedeemQueueLib.valueDown(m, taken);
        r.consume(m, taken);
        assertEq(r.shares, uint256(shares) - taken);
        // remaining assets / remaining shares <= assets / shares
        assertLe(uint256(r.assets) * shares, uint256(assets) * r.shares);
        assertLe(paidMax + r.assets, assets, "paid plus what remains never exceeds the request's value");
    }

    function test_sharesUp_coversValueDown(uint96 shares, uint96 assets, uint96 x) public pure {
        vm.assume(shares > 0 && assets > 0);
        RedeemQueueLib.Request memory m = RedeemQueueLib.Request(shares, assets, 0);
        uint256 v = RedeemQueueLib.valueDown(m, bound(x, 0, shares));
        assertLe(RedeemQueueLib.valueDown(m, RedeemQueueLib.sharesUp(m, v)), assets);
        assertGe(RedeemQueueLib.sharesUp(m, v) * uint256(assets), v * uint256(shares));
    }
}
