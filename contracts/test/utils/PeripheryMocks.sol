// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IInsuredRouter, InsuredDepositParams} from "../../src/periphery/interfaces/IInsuredRouter.sol";

/// @notice A plain yield vault; yield arrives by minting the asset to it, an exploit drains it.
contract YieldVault is ERC4626 {
    constructor(IERC20 asset_) ERC4626(asset_) ERC20("Yield Vault", "yv") {}

    /// @notice Simulates an exploit: `amount` of the vault's assets leave to `thief`.
    function exploit(address thief, uint256 amount) external {
        IERC20(asset()).transfer(thief, amount);
    }
}

/// @notice A vault whose deposit re-enters the router (reentrancy from a malicious vault).
contract ReentrantVault is ERC4626 {
    IInsuredRouter internal immutable ROUTER;
    InsuredDepositParams internal _params;

    constructor(IERC20 asset_, IInsuredRouter router) ERC4626(asset_) ERC20("Evil Vault", "ev") {
        ROUTER = router;
    }

    function arm(InsuredDepositParams calldata p) external {
        _params = p;
    }

    function deposit(uint256 assets, address receiver) public override returns (uint256) {
        ROUTER.insuredDeposit(_params);
        return super.deposit(assets, receiver);
    }
}

/// @notice A vault that takes only half of what it is given and mints shares for all of it.
contract StingyVault is ERC4626 {
    constructor(IERC20 asset_) ERC4626(asset_) ERC20("Stingy Vault", "sv") {}

    function deposit(uint256 assets, address receiver) public override returns (uint256 shares) {
        shares = previewDeposit(assets);
        IERC20(asset()).transferFrom(msg.sender, address(this), assets / 2);
        _mint(receiver, shares);
    }
}

/// @notice A vault that takes the assets and mints no shares.
contract Shareless is ERC4626 {
    constructor(IERC20 asset_) ERC4626(asset_) ERC20("Shareless", "sl") {}

    function deposit(uint256 assets, address) public override returns (uint256) {
        IERC20(asset()).transferFrom(msg.sender, address(this), assets);
        return 1;
    }
}

/// @notice A vault that mints its shares to a fixed address instead of the receiver.
contract Misdirecting is ERC4626 {
    address internal immutable THIEF;

    constructor(IERC20 asset_, address thief) ERC4626(asset_) ERC20("Misdirecting", "md") {
        THIEF = thief;
    }

    function deposit(uint256 assets, address) public override returns (uint256) {
        return super.deposit(assets, THIEF);
    }
}

/// @notice An ERC-20 whose transferFrom re-enters the router (reentrancy from a malicious token).
contract ReentrantToken is ERC20 {
    IInsuredRouter internal immutable ROUTER;
    InsuredDepositParams internal _params;
    bool internal _armed;

    constructor(IInsuredRouter router) ERC20("Evil", "EVL") {
        ROUTER = router;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(InsuredDepositParams calldata p) external {
        _params = p;
        _armed = true;
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (_armed) {
            _armed = false;
            ROUTER.insuredDeposit(_params);
        }
        return super.transferFrom(from, to, value);
    }
}
