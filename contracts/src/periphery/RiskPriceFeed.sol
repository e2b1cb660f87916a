// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {IPoolLens} from "../interfaces/IPoolLens.sol";
import {PeripheryErrors} from "./libraries/PeripheryErrors.sol";

/// @title RiskPriceFeed
/// @notice "What it costs to insure X", on-chain: a Chainlink AggregatorV3Interface feed of one market's current
/// annual cover rate, read live from PoolLens.currentRateBps (the rate at current utilisation of the cheapest
/// backing pool with free capacity).
/// @dev Units: `answer` is the annual rate as a fraction scaled by 1e8 (decimals() = 8), i.e. rateBps x 1e4:
/// 2.5% a year reads 2_500_000. 0 means no backing pool has free capacity (cover cannot be bought now).
/// The feed is computed at read time: roundId = answeredInRound = block.timestamp, startedAt = updatedAt =
/// block.timestamp (always fresh; staleness checks pass). No history is kept: getRoundData answers only the
/// current round and reverts NoRoundData otherwise.
contract RiskPriceFeed is AggregatorV3Interface {
    /// @dev bps -> 1e8-scaled fraction.
    uint256 internal constant BPS_TO_1E8 = 1e4;

    IPoolLens public immutable LENS;
    uint256 public immutable marketId;

    constructor(IPoolLens lens, uint256 marketId_) {
        require(address(lens) != address(0), PeripheryErrors.ZeroAddress());
        LENS = lens;
        marketId = marketId_;
    }

    function decimals() external pure returns (uint8) {
        return 8;
    }

    function description() external view returns (string memory) {
        return string.concat("Backstop market ", Strings.toString(marketId), " annual cover rate");
    }

    function version() external pure returns (uint256) {
        return 1;
    }

    function getRoundData(uint80 roundId)
        external
        view
        returns (uint80, int256, uint256, uint256, uint80)
    {
        require(roundId == uint80(block.timestamp), PeripheryErrors.NoRoundData(roundId));
        return _latest();
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return _latest();
    }

    /// @notice The current annual rate in basis points (the feed's answer / 1e4).
    function rateBps() public view returns (uint256) {
        return LENS.currentRateBps(marketId);
    }

    function _latest()
        internal
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        roundId = uint80(block.timestamp);
        answer = int256(rateBps() * BPS_TO_1E8);
        startedAt = block.timestamp;
        updatedAt = block.timestamp;
        answeredInRound = roundId;
    }
}
