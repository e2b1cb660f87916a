// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @title MockAggregator
/// @notice A Chainlink AggregatorV3 feed whose rounds are set explicitly, so real rounds can be replayed with
/// their real ids and timestamps. Also serves as an L2 sequencer uptime feed (answer 0 = up, 1 = down).
/// @dev Open to anyone: test and devnet use only.
contract MockAggregator is AggregatorV3Interface {
    /// @notice Thrown by getRoundData for a round that was never set.
    error NoDataPresent(uint80 roundId);
    /// @notice Thrown by every read while the feed is set to fail.
    error FeedFailure();

    /// @notice Emitted when a round is set.
    /// @param roundId The round.
    /// @param answer Its answer.
    /// @param updatedAt Its update time.
    event RoundSet(uint80 indexed roundId, int256 answer, uint256 updatedAt);

    /// @dev Two slots: (answer, failing) and (roundId, answeredInRound, startedAt, updatedAt).
    struct Round {
        int192 answer;
        bool failing;
        uint80 roundId;
        uint80 answeredInRound;
        uint48 startedAt;
        uint48 updatedAt;
    }

    uint8 public immutable decimals;
    Round private _latest;
    mapping(uint80 roundId => Round) private _rounds;

    constructor(uint8 decimals_) {
        decimals = decimals_;
    }

    /// @notice Sets a round and makes it the latest, exactly as given (no validation, to test faulty feeds).
    function setRound(uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
        public
    {
        Round memory r = Round({
            answer: int192(answer),
            failing: _latest.failing,
            roundId: roundId,
            answeredInRound: answeredInRound,
            startedAt: uint48(startedAt),
            updatedAt: uint48(updatedAt)
        });
        _latest = r;
        _rounds[roundId] = r;
        emit RoundSet(roundId, answer, updatedAt);
    }

    /// @notice Sets the next round to `answer`, started and updated now.
    function setAnswer(int256 answer) external {
        uint80 next = _latest.roundId + 1;
        setRound(next, answer, block.timestamp, block.timestamp, next);
    }

    /// @notice Makes every read revert (true) or work again (false).
    function setFailing(bool failing) external {
        _latest.failing = failing;
    }

    function description() external pure returns (string memory) {
        return "MockAggregator";
    }

    function version() external pure returns (uint256) {
        return 4;
    }

    function getRoundData(uint80 roundId) external view returns (uint80, int256, uint256, uint256, uint80) {
        require(!_latest.failing, FeedFailure());
        Round memory r = _rounds[roundId];
        require(r.updatedAt != 0 || r.roundId != 0, NoDataPresent(roundId));
        return (r.roundId, r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        Round memory r = _latest;
        require(!r.failing, FeedFailure());
        return (r.roundId, r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }
}
