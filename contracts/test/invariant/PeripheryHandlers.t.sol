// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";

import {MockStable} from "../../src/mocks/MockStable.sol";
import {InsuredRouter} from "../../src/periphery/InsuredRouter.sol";
import {InsuredDepositParams} from "../../src/periphery/interfaces/IInsuredRouter.sol";
import {InsuredVault} from "../../src/periphery/InsuredVault.sol";
import {YieldVault} from "../utils/PeripheryMocks.sol";

/// @notice Drives the router with honest and hostile vaults, random amounts, premium bounds and commissions.
contract RouterHandler is Test {
    InsuredRouter internal immutable ROUTER;
    MockStable internal immutable USDC;
    uint256 internal immutable MARKET;
    uint32[] internal _pools;
    IERC4626[] internal _vaults;
    address[] internal _users;
    uint256 public successes;

    constructor(InsuredRouter router, MockStable usdc, uint256 marketId, uint32[] memory pools, IERC4626[] memory vaults) {
        ROUTER = router;
        USDC = usdc;
        MARKET = marketId;
        _pools = pools;
        _vaults = vaults;
        for (uint256 i; i < 3; ++i) {
            address u = makeAddr(string.concat("user", vm.toString(i)));
            _users.push(u);
            usdc.mint(u, 1e15);
            vm.prank(u);
            usdc.approve(address(router), type(uint256).max);
        }
    }

    function vaults() external view returns (IERC4626[] memory) {
        return _vaults;
    }

    function insuredDeposit(uint256 userSeed, uint256 vaultSeed, uint256 assets, uint256 maxPremium, uint256 cover)
        external
    {
        address u = _users[userSeed % _users.length];
        InsuredDepositParams memory p = InsuredDepositParams({
            vault: _vaults[vaultSeed % _vaults.length],
            assets: bound(assets, 0, 200_000e6),
            minShares: 0,
            marketId: MARKET,
            coverAmount: cover % 3 == 0 ? bound(cover, 1e6, 100_000e6) : 0,
            period: 30 days,
            pools: _pools,
            maxPremium: bound(maxPremium, 0, 20_000e6),
            integrator: cover % 2 == 0 ? makeAddr("integrator") : address(0),
            commissionBps: cover % 2 == 0 ? 300 : 0
        });
        vm.prank(u);
        try ROUTER.insuredDeposit(p) {
            successes++;
        } catch {}
    }

    function earn(uint256 vaultSeed, uint256 amount) external {
        USDC.mint(address(_vaults[vaultSeed % _vaults.length]), bound(amount, 0, 10_000e6));
    }

    function warp(uint256 secs) external {
        skip(bound(secs, 1, 10 days));
    }
}

/// @notice Drives an insured vault: deposits, withdrawals, yield, time, and keeper runs; records any keeper run
/// that ends below target or pays a premium out of principal.
contract InsuredVaultHandler is Test {
    InsuredVault internal immutable VAULT;
    YieldVault internal immutable SOURCE;
    MockStable internal immutable USDC;
    address internal immutable KEEPER;
    uint16 internal immutable TARGET;
    address[] internal _users;
    uint256 public rolls;
    uint256 public ghostBelowTarget;
    uint256 public ghostPrincipalSpent;

    constructor(InsuredVault vault, YieldVault source, MockStable usdc, address keeper, uint16 target) {
        VAULT = vault;
        SOURCE = source;
        USDC = usdc;
        KEEPER = keeper;
        TARGET = target;
        for (uint256 i; i < 3; ++i) {
            address u = makeAddr(string.concat("holder", vm.toString(i)));
            _users.push(u);
            usdc.mint(u, 1e15);
            vm.prank(u);
            usdc.approve(address(vault), type(uint256).max);
        }
    }

    function deposit(uint256 userSeed, uint256 assets) external {
        if (VAULT.totalAssets() > 3_000_000e6) return;
        address u = _users[userSeed % _users.length];
        vm.prank(u);
        VAULT.deposit(bound(assets, 1, 500_000e6), u);
    }

    function withdraw(uint256 userSeed, uint256 fraction) external {
        address u = _users[userSeed % _users.length];
        uint256 max = VAULT.maxWithdraw(u);
        uint256 assets = max * bound(fraction, 0, 100) / 100;
        if (assets == 0) return;
        vm.prank(u);
        VAULT.withdraw(assets, u, u);
    }

    function earn(uint256 amount) external {
        USDC.mint(address(SOURCE), bound(amount, 0, 50_000e6));
    }

    function warp(uint256 secs) external {
        skip(bound(secs, 1, 12 days));
    }

    function rollCover() external {
        vm.prank(KEEPER);
        try VAULT.rollCover() {
            rolls++;
            if (VAULT.coverageRatio() < TARGET) ghostBelowTarget++;
            if (VAULT.totalAssets() < VAULT.principal()) ghostPrincipalSpent++;
        } catch {}
    }
}
