// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {ProtectionSeries} from "./ProtectionSeries.sol";
import {ICoverManager} from "../interfaces/ICoverManager.sol";
import {PeripheryErrors} from "./libraries/PeripheryErrors.sol";
import {PeripheryEvents} from "./libraries/PeripheryEvents.sol";

/// @title ProtectionFactory
/// @notice Creates protection series deterministically (CREATE2, salt = (marketId, expiry)) and registers them:
/// one series per (market, UTC-day expiry), anyone may create it.
contract ProtectionFactory {
    ICoverManager public immutable COVER;

    /// @notice The series of (`marketId`, `expiry`), zero if none.
    mapping(uint256 marketId => mapping(uint256 expiry => address)) public seriesOf;

    constructor(ICoverManager cover_) {
        require(address(cover_) != address(0), PeripheryErrors.ZeroAddress());
        COVER = cover_;
    }

    /// @notice Creates the series of (`marketId`, `expiry`) at `seriesAddress(marketId, expiry)`.
    /// @dev Reverts SeriesExists, NotParametric, InvalidExpiry, UnknownMarket.
    function createSeries(uint256 marketId, uint256 expiry) external returns (address series) {
        require(seriesOf[marketId][expiry] == address(0), PeripheryErrors.SeriesExists(marketId, expiry));
        (string memory name, string memory symbol) = _names(marketId, expiry);
        series = address(new ProtectionSeries{salt: _salt(marketId, expiry)}(COVER, marketId, expiry, name, symbol));
        seriesOf[marketId][expiry] = series;
        emit PeripheryEvents.SeriesCreated(marketId, expiry, series);
    }

    /// @notice Where the series of (`marketId`, `expiry`) is (or will be) deployed.
    function seriesAddress(uint256 marketId, uint256 expiry) external view returns (address) {
        (string memory name, string memory symbol) = _names(marketId, expiry);
        bytes32 codeHash = keccak256(
            abi.encodePacked(type(ProtectionSeries).creationCode, abi.encode(COVER, marketId, expiry, name, symbol))
        );
        return address(
            uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), _salt(marketId, expiry), codeHash))))
        );
    }

    function _salt(uint256 marketId, uint256 expiry) internal pure returns (bytes32) {
        return keccak256(abi.encode(marketId, expiry));
    }

    /// @dev "Backstop Protection <market> <expiry day>" / "bsP-<market>-<expiry day>", days since the epoch.
    function _names(uint256 marketId, uint256 expiry) internal pure returns (string memory name, string memory symbol) {
        string memory m = Strings.toString(marketId);
        string memory d = Strings.toString(expiry / 1 days);
        name = string.concat("Backstop Protection ", m, " day ", d);
        symbol = string.concat("bsP-", m, "-", d);
    }
}
