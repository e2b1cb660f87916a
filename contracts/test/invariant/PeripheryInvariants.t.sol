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
import {RouterHandler, InsuredVaultHandler} from "./PeripheryHandlers.t.sol";

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
        assertGt(handler.successes(), 0, "no router call succeeded");
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
        assertGt(handler.rolls(), 0, "no keeper run succeeded");
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
