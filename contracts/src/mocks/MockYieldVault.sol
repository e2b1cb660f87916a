// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title MockYieldVault
/// @notice A plain ERC-4626 yield vault for tests, the gas bench and the devnet: yield arrives by sending the asset
/// to it; `exploit` simulates a drain.
contract MockYieldVault is ERC4626 {
    constructor(IERC20 asset_) ERC4626(asset_) ERC20("Mock Yield Vault", "myv") {}

    /// @notice Simulates an exploit: `amount` of the vault's assets leave to `thief`. Open to anyone (a mock).
    function exploit(address thief, uint256 amount) external {
        IERC20(asset()).transfer(thief, amount);
    }
}
