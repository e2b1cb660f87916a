// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SSTORE2} from "solady/utils/SSTORE2.sol";
import {IMarkets} from "./interfaces/IMarkets.sol";
import {Pool} from "./Pool.sol";
import {ErrorsLib} from "./libraries/ErrorsLib.sol";

/// @title PoolFactory
/// @notice Deploys pools and registers them, so every registered pool runs the audited Pool code.
/// @dev Permissionless: any curator may start a pool, but only over a governance-allowed cover asset
/// (uncorrelated stablecoins), which keeps reflexive capital out. Pool's creation code is written once, at
/// construction, into a data contract (SSTORE2) and read back per pool, so the factory's own code does not
/// embed it and stays far below the EIP-170 limit whatever Pool grows to.
contract PoolFactory {
    IMarkets public immutable MARKETS;
    /// @notice keccak256 of the Pool creation code every pool is deployed from (for verification).
    bytes32 public immutable POOL_CODE_HASH;
    address internal immutable POOL_CODE;

    constructor(IMarkets markets_) {
        MARKETS = markets_;
        bytes memory code = type(Pool).creationCode;
        POOL_CODE_HASH = keccak256(code);
        POOL_CODE = SSTORE2.write(code);
    }

    /// @notice Deploys a pool over `asset` run by `curator` and registers it; returns its address and id.
    /// @dev Reverts AssetNotAllowed, ZeroAddress, FeeTooHigh, InvalidLeverage, InvalidCooldown, PoolDeployFailed.
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
        bytes memory initCode = abi.encodePacked(
            SSTORE2.read(POOL_CODE),
            abi.encode(asset, name, symbol, MARKETS, curator, curatorFeeBps, leverageBps, cooldown)
        );
        assembly ("memory-safe") {
            pool := create(0, add(initCode, 0x20), mload(initCode))
        }
        if (pool == address(0)) {
            // Bubble up the constructor's revert (a named error) when there is one.
            assembly ("memory-safe") {
                let size := returndatasize()
                if size {
                    let ptr := mload(0x40)
                    returndatacopy(ptr, 0, size)
                    revert(ptr, size)
                }
            }
            revert ErrorsLib.PoolDeployFailed();
        }
        poolId = MARKETS.registerPool(pool, curator);
    }
}
