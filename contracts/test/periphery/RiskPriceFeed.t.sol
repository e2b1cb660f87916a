// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

import {PeripheryBase} from "../utils/PeripheryBase.sol";
import {RiskPriceFeed} from "../../src/periphery/RiskPriceFeed.sol";
import {IPoolLens} from "../../src/interfaces/IPoolLens.sol";
import {PeripheryErrors} from "../../src/periphery/libraries/PeripheryErrors.sol";

/// @notice `RiskPriceFeed`: the market's annual rate as a Chainlink feed (1e8 = 100% a year).
contract RiskPriceFeedTest is PeripheryBase {
    RiskPriceFeed internal feed;

    function setUp() public override {
        super.setUp();
        feed = new RiskPriceFeed(IPoolLens(address(lens)), marketId);
    }

    function test_latestRoundData_isTheLensRate() public view {
        AggregatorV3Interface f = AggregatorV3Interface(address(feed));
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) = f.latestRoundData();
        assertEq(answer, int256(lens.currentRateBps(marketId) * 1e4));
        assertEq(answer, 2_000_000, "2% a year at zero utilisation");
        assertEq(updatedAt, block.timestamp);
        assertEq(startedAt, block.timestamp);
        assertEq(roundId, answeredInRound);
        assertEq(f.decimals(), 8);
        assertEq(f.version(), 1);
        assertEq(f.description(), "Backstop market 1 annual cover rate");
    }

    function test_latestRoundData_risesWithUtilisation() public {
        int256 before = _answer();
        _buy(marketId, 4_000_000e6, 30 days, _one(poolId));
        _buy(marketId, 4_000_000e6, 30 days, _one(poolId2));
        assertGt(_answer(), before);
        assertEq(uint256(_answer()), feed.rateBps() * 1e4);
    }

    function test_latestRoundData_zeroWithoutCapacity() public {
        _buy(marketId, 10_000_000e6, 30 days, _pools());
        assertEq(_answer(), 0);
    }

    function test_getRoundData_currentRoundOnly() public {
        (, int256 answer,,,) = feed.getRoundData(uint80(block.timestamp));
        assertEq(answer, _answer());
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.NoRoundData.selector, uint80(1)));
        feed.getRoundData(1);
    }

    function test_constructor_zeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(PeripheryErrors.ZeroAddress.selector));
        new RiskPriceFeed(IPoolLens(address(0)), marketId);
    }

    function _answer() internal view returns (int256 answer) {
        (, answer,,,) = feed.latestRoundData();
    }
}
