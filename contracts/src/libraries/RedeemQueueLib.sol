// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @title RedeemQueueLib
/// @notice A controller's redeem request: shares escrowed in the pool, their value at the request price and
/// when they become claimable. One aggregated request per controller (ERC-7540 request id 0).
/// @dev A new request adds to the open one and restarts its cooldown, so no share ever skips its cooldown.
library RedeemQueueLib {
    using FixedPointMathLib for uint256;

    /// @dev One slot.
    struct Request {
        uint120 shares;
        uint96 assets; // value of `shares` at the request price (exit valuation)
        uint40 claimableAt;
    }

    /// @notice Adds `shares` worth `assets` to the request; claimable at `claimableAt`.
    function add(Request storage r, uint256 shares, uint256 assets, uint256 claimableAt) internal {
        r.shares = SafeCast.toUint120(r.shares + shares);
        r.assets = SafeCast.toUint96(r.assets + assets);
        r.claimableAt = SafeCast.toUint40(claimableAt);
    }

    /// @notice Shares still in their cooldown.
    function pendingShares(Request memory r) internal view returns (uint256) {
        return r.claimableAt > block.timestamp ? r.shares : 0;
    }

    /// @notice Shares whose cooldown is over.
    function claimableShares(Request memory r) internal view returns (uint256) {
        return r.claimableAt <= block.timestamp ? r.shares : 0;
    }

    /// @notice The request-price value of `shares` of the request, rounded down (what the pool may pay at most).
    function valueDown(Request memory r, uint256 shares) internal pure returns (uint256) {
        return shares.mulDiv(r.assets, r.shares);
    }

    /// @notice Shares of the request worth `assets` at the request price, rounded up (what the pool burns at least).
    function sharesUp(Request memory r, uint256 assets) internal pure returns (uint256) {
        return assets.mulDivUp(r.shares, r.assets);
    }

    /// @notice Removes `shares` from the request with their request-price value, rounded up so that what stays
    /// is never worth more per share than before.
    function consume(Request storage r, Request memory m, uint256 shares) internal {
        uint256 assets = shares.mulDivUp(m.assets, m.shares);
        r.shares = uint120(m.shares - shares);
        r.assets = uint96(m.assets > assets ? m.assets - assets : 0);
    }
}
