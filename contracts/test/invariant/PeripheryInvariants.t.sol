// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";

import {PeripheryBase} from "../utils/PeripheryBase.sol";
import {YieldVault, StingyVault, Shareless} from "../utils/PeripheryMocks.sol";
import {InsuredRouter} from "../../src/periphery/InsuredRouter.sol";
import {InsuredVault} from "../../src/periphery/InsuredVault.sol";
import {ICoverManager} from "../../src/interfaces/ICoverManager.sol";
import {IPoolLens} from "../../src/interfaces/IPoolLens.sol";
import {Test} from "forge-std/Test.sol";
import {MockStable} from "../../src/mocks/MockStable.sol";
import {InsuredDepositParams} from "../../src/periphery/interfaces/IInsuredRouter.sol";

/// @notice Drives the router with honest and hostile vaults, random amounts, premium bounds and commissions.
contract RouterHandler is Test {
    InsuredRouter internal ROUTER;
    MockStable internal USDC;
    uint256 internal MARKET;
    uint32[] internal _pools;
    IERC4626[] internal _vaults;
    address[] internal _users;
    /// @dev Successful handler calls of any kind (a reverted router call is checked by the invariant too).
    uint256 public successes;
    uint256 public deposits;

    constructor(InsuredRouter router, MockStable usdc, uint256 marketId, uint32[] memory pools, IERC4626[] memory vaults_) {
        ROUTER = router;
        USDC = usdc;
        MARKET = marketId;
        _pools = pools;
        _vaults = vaults_;
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

    function insuredDeposit(uint256 userSeed, uint256 vaultSeed, uint256 assets, uint256 maxPremium, uint256 coverSeed)
        external
    {
        address u = _users[userSeed % _users.length];
        InsuredDepositParams memory p = InsuredDepositParams({
            vault: _vaults[vaultSeed % _vaults.length],
            assets: bound(assets, 0, 200_000e6),
            minShares: 0,
            marketId: MARKET,
            coverAmount: coverSeed % 3 == 0 ? bound(coverSeed, 1e6, 100_000e6) : 0,
            period: 30 days,
            pools: _pools,
            maxPremium: bound(maxPremium, 0, 20_000e6),
            integrator: coverSeed % 2 == 0 ? makeAddr("integrator") : address(0),
            commissionBps: coverSeed % 2 == 0 ? 300 : 0
        });
        vm.prank(u);
        try ROUTER.insuredDeposit(p) {
            successes++;
            deposits++;
        } catch {}
    }

    function earn(uint256 vaultSeed, uint256 amount) external {
        USDC.mint(address(_vaults[vaultSeed % _vaults.length]), bound(amount, 0, 10_000e6));
        successes++;
    }

    function warp(uint256 secs) external {
        skip(bound(secs, 1, 10 days));
        successes++;
    }
}

/// @notice Drives an insured vault: deposits, withdrawals, yield, time, and keeper runs; records any keeper run
/// that ends below target or pays a premium out of principal.
contract InsuredVaultHandler is Test {
    InsuredVault internal VAULT;
    YieldVault internal SOURCE;
    MockStable internal USDC;
    address internal KEEPER;
    uint16 internal TARGET;
    address[] internal _users;
    uint256 public rolls;
    uint256 public successes;
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
        successes++;
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
            successes++;
            if (VAULT.coverageRatio() < TARGET) ghostBelowTarget++;
            if (VAULT.totalAssets() < VAULT.principal()) ghostPrincipalSpent++;
        } catch {}
    }
}

/// @notice INV-ROUTER-EMPTY: after any sequence of router calls (honest and hostile vaults, any premium bound),
/// the router holds no token, no vault share, no policy and no allowance.
contract RouterInvariantsTest is PeripheryBase {
    /// @notice The router holds nothing after any call.
    string internal constant INV_ROUTER_EMPTY = "INV-ROUTER-EMPTY: the router holds nothing after any call";

    InsuredRouter internal router;
    RouterHandler internal handler;

    function setUp() public override {
        super.setUp();
        router = new InsuredRouter(ICoverManager(address(cover)));
        IERC4626[] memory vaults = new IERC4626[](4);
        vaults[0] = yv;
        vaults[1] = new YieldVault(IERC20(address(usdc)));
        vaults[2] = new StingyVault(IERC20(address(usdc)));
        vaults[3] = new Shareless(IERC20(address(usdc)));
        handler = new RouterHandler(router, usdc, marketId, _pools(), vaults);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](4);
        selectors[0] = RouterHandler.insuredDeposit.selector;
        selectors[1] = RouterHandler.insuredDeposit.selector;
        selectors[2] = RouterHandler.earn.selector;
        selectors[3] = RouterHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// INV-ROUTER-EMPTY
    function invariant_INV_ROUTER_EMPTY() public view {
        assertEq(usdc.balanceOf(address(router)), 0, INV_ROUTER_EMPTY);
        assertEq(usdc.allowance(address(router), address(cover)), 0, INV_ROUTER_EMPTY);
        assertEq(cover.balanceOf(address(router)), 0, INV_ROUTER_EMPTY);
        IERC4626[] memory vaults = handler.vaults();
        for (uint256 i; i < vaults.length; ++i) {
            assertEq(usdc.allowance(address(router), address(vaults[i])), 0, INV_ROUTER_EMPTY);
            assertEq(vaults[i].balanceOf(address(router)), 0, INV_ROUTER_EMPTY);
        }
    }

    function afterInvariant() public view {
        assertGt(handler.successes(), 0, "no handler call succeeded");
    }

    /// @dev The handler's honest path succeeds (so campaigns exercise real purchases).
    function test_handler_honestDepositSucceeds() public {
        handler.insuredDeposit(0, 0, 10_000e6, 5_000e6, 1);
        assertEq(handler.deposits(), 1);
        invariant_INV_ROUTER_EMPTY();
    }
}

/// @notice INV-VAULT-COVERED and INV-VAULT-PRINCIPAL over deposits, withdrawals, yield, time and keeper runs.
contract InsuredVaultInvariantsTest is PeripheryBase {
    /// @notice After every successful keeper run, coverageRatio() >= the target.
    string internal constant INV_VAULT_COVERED = "INV-VAULT-COVERED: coverage >= target after each keeper run";
    /// @notice Premiums never dip into principal: after every keeper run, totalAssets >= principal.
    string internal constant INV_VAULT_PRINCIPAL = "INV-VAULT-PRINCIPAL: premiums are paid from yield only";

    InsuredVault internal vault;
    InsuredVaultHandler internal handler;
    address internal keeper = makeAddr("keeper");

    function setUp() public override {
        super.setUp();
        vault = new InsuredVault(yv, ICoverManager(address(cover)), IPoolLens(address(lens)), address(this), "iyv", "iyv");
        vault.setCoverConfig(marketId, 9_000, 30 days, 3 days, _pools());
        vault.setKeeper(keeper, true);
        // Seed: a first depositor and some yield, so keeper runs can succeed from the first call.
        usdc.mint(address(this), 1_000_000e6);
        usdc.approve(address(vault), 1_000_000e6);
        vault.deposit(1_000_000e6, address(this));
        usdc.mint(address(yv), 100_000e6);
        handler = new InsuredVaultHandler(vault, yv, usdc, keeper, 9_000);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](6);
        selectors[0] = InsuredVaultHandler.deposit.selector;
        selectors[1] = InsuredVaultHandler.withdraw.selector;
        selectors[2] = InsuredVaultHandler.earn.selector;
        selectors[3] = InsuredVaultHandler.warp.selector;
        selectors[4] = InsuredVaultHandler.rollCover.selector;
        selectors[5] = InsuredVaultHandler.rollCover.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    function afterInvariant() public view {
        assertGt(handler.successes(), 0, "no handler call succeeded");
    }

    /// @dev The seeded vault's keeper run succeeds (so campaigns exercise real purchases).
    function test_handler_rollSucceeds() public {
        handler.rollCover();
        assertEq(handler.rolls(), 1);
        invariant_INV_VAULT_COVERED();
    }

    /// INV-VAULT-COVERED
    function invariant_INV_VAULT_COVERED() public view {
        assertEq(handler.ghostBelowTarget(), 0, INV_VAULT_COVERED);
        assertEq(usdc.allowance(address(vault), address(cover)), 0, INV_VAULT_COVERED);
    }

    /// INV-VAULT-PRINCIPAL
    function invariant_INV_VAULT_PRINCIPAL() public view {
        assertEq(handler.ghostPrincipalSpent(), 0, INV_VAULT_PRINCIPAL);
    }
}
