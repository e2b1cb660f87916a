// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IMarkets} from "./interfaces/IMarkets.sol";
import {Pool} from "./Pool.sol";
import {ErrorsLib} from "./libraries/ErrorsLib.sol";

/// @title PoolFactory
/// @notice Deploys pools and registers them, so every registered pool runs the audited Pool code.
/// @dev Permissionless: any curator may start a pool, but only over a governance-allowed cover asset
/// (uncorrelated stablecoins), which keeps reflexive capital out.
contract PoolFactory {
    IMarkets public immutable MARKETS;

    constructor(IMarkets markets_) {
        MARKETS = markets_;
    }

    /// @notice Deploys a pool over `asset` run by `curator` and registers it; returns its address and id.
    /// @dev Reverts AssetNotAllowed, ZeroAddress, FeeTooHigh, InvalidLeverage, InvalidCooldown.
    function createPool(
        IERC20 asset,
        string calldata name,
        string calldata symbol,
        address curator,
        uint16 curatorFeeBps,
        uint32 leverageBps,
        uint32 cooldown
    ) external returns (address pool, uint32 poolId) {
        require(MARKETS.isCoverAsset(address(asset)), ErrorsLib.AssetNotAllowed(address(asset)));
        pool = address(new Pool(asset, name, symbol, MARKETS, curator, curatorFeeBps, leverageBps, cooldown));
        poolId = MARKETS.registerPool(pool, curator);
    }
}
