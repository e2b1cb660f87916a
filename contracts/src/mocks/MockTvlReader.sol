// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ITvlReader} from "../interfaces/ITvlReader.sol";

/// @title MockTvlReader
/// @notice An ITvlReader whose value anyone sets; test and devnet use only.
contract MockTvlReader is ITvlReader {
    /// @inheritdoc ITvlReader
    uint256 public tvl;

    /// @notice Sets the value `tvl` returns.
    function setTvl(uint256 value) external {
        tvl = value;
    }
}
