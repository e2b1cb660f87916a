// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IInsuredRouter, InsuredDepositParams, PermitData} from "./interfaces/IInsuredRouter.sol";
import {ICoverManager} from "../interfaces/ICoverManager.sol";
import {IMarkets} from "../interfaces/IMarkets.sol";
import {BuyCoverParams} from "../types/Types.sol";
import {PeripheryErrors} from "./libraries/PeripheryErrors.sol";
import {PeripheryEvents} from "./libraries/PeripheryEvents.sol";

/// @title InsuredRouter
/// @notice Deposits into any ERC-4626 vault and buys cover for the position in one transaction.
/// @dev Stateless: no storage, no owner, no sweep. Every balance check is a delta, so tokens sent to the router by
/// mistake are never paid to a caller.
contract InsuredRouter is IInsuredRouter, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    ICoverManager public immutable COVER;
    IMarkets public immutable MARKETS;

    constructor(ICoverManager cover_) {
        require(address(cover_) != address(0), PeripheryErrors.ZeroAddress());
        COVER = cover_;
        MARKETS = IMarkets(cover_.markets());
    }

    /// @inheritdoc IInsuredRouter
    function insuredDeposit(InsuredDepositParams calldata p)
        external
        nonReentrant
        returns (uint256 shares, uint256 policyId, uint256 premium)
    {
        return _insuredDeposit(p);
    }

    /// @inheritdoc IInsuredRouter
    function insuredDepositWithPermit(
        InsuredDepositParams calldata p,
        PermitData calldata assetPermit,
        PermitData calldata premiumPermit
    ) external nonReentrant returns (uint256 shares, uint256 policyId, uint256 premium) {
        _permit(p.vault.asset(), assetPermit);
        _permit(MARKETS.market(p.marketId).asset, premiumPermit);
        return _insuredDeposit(p);
    }

    /* INTERNAL */

    function _insuredDeposit(InsuredDepositParams calldata p)
        internal
        returns (uint256 shares, uint256 policyId, uint256 premium)
    {
        require(p.assets != 0, PeripheryErrors.ZeroAmount());
        IERC20 asset = IERC20(p.vault.asset());
        IERC20 stable = IERC20(MARKETS.market(p.marketId).asset);

        shares = _deposit(p, asset);
        uint256 coverAmount = p.coverAmount;
        if (coverAmount == 0) {
            require(asset == stable, PeripheryErrors.AssetMismatch(address(asset), address(stable)));
            coverAmount = p.vault.convertToAssets(shares);
        }

        // The premium: pull the bound, approve exactly it, buy, reset the approval, refund the delta.
        uint256 held = stable.balanceOf(address(this));
        stable.safeTransferFrom(msg.sender, address(this), p.maxPremium);
        stable.forceApprove(address(COVER), p.maxPremium);
        (policyId, premium) = COVER.buyCover(
            BuyCoverParams({
                marketId: p.marketId,
                amount: coverAmount,
                period: p.period,
                pools: p.pools,
                maxPremium: p.maxPremium,
                owner: msg.sender,
                integrator: p.integrator,
                commissionBps: p.commissionBps
            })
        );
        stable.forceApprove(address(COVER), 0);
        uint256 refund = stable.balanceOf(address(this)) - held;
        if (refund != 0) stable.safeTransfer(msg.sender, refund);
        emit PeripheryEvents.InsuredDeposit(msg.sender, address(p.vault), policyId, p.assets, shares, coverAmount, premium);
    }

    /// @dev Pulls the assets, approves the vault exactly, deposits for msg.sender and checks that the vault took
    /// every asset it was given and minted at least `minShares` to msg.sender.
    function _deposit(InsuredDepositParams calldata p, IERC20 asset) internal returns (uint256 shares) {
        address vault = address(p.vault);
        uint256 held = asset.balanceOf(address(this));
        asset.safeTransferFrom(msg.sender, address(this), p.assets);
        asset.forceApprove(vault, p.assets);
        uint256 before = IERC20(vault).balanceOf(msg.sender);
        p.vault.deposit(p.assets, msg.sender);
        shares = IERC20(vault).balanceOf(msg.sender) - before;
        uint256 left = asset.balanceOf(address(this)) - held;
        require(left == 0, PeripheryErrors.DepositNotPulled(p.assets, left));
        if (asset.allowance(address(this), vault) != 0) asset.forceApprove(vault, 0);
        require(shares != 0 && shares >= p.minShares, PeripheryErrors.SharesBelowMinimum(shares, p.minShares));
    }

    function _permit(address token, PermitData calldata d) internal {
        if (d.deadline == 0) return;
        try IERC20Permit(token).permit(msg.sender, address(this), d.value, d.deadline, d.v, d.r, d.s) {} catch {}
    }
}
