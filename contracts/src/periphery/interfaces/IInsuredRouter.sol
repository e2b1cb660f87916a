// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";

/// @notice What `insuredDeposit` does: a deposit into `vault` and cover on `marketId` for the resulting position.
struct InsuredDepositParams {
    IERC4626 vault; // any ERC-4626 vault; the shares go to msg.sender
    uint256 assets; // of vault.asset(), pulled from msg.sender
    uint256 minShares; // slippage bound on the shares received
    uint256 marketId;
    uint256 coverAmount; // 0: the asset value of the shares received (vault asset must be the cover asset)
    uint256 period; // seconds of cover
    uint32[] pools; // candidate pools, filled greedily in order (as in buyCover)
    uint256 maxPremium; // pulled from msg.sender; what the purchase does not spend is refunded in the same call
    address integrator; // receives the commission (zero for none)
    uint16 commissionBps;
}

/// @notice An EIP-2612 permit; a zero `deadline` means "no permit".
struct PermitData {
    uint256 value;
    uint256 deadline;
    uint8 v;
    bytes32 r;
    bytes32 s;
}

/// @title IInsuredRouter
/// @notice Insure-this-transaction: deposit into an ERC-4626 vault and buy cover for the position, atomically.
/// @dev The router holds nothing between calls (no tokens, no policies, no allowances): every pull is of an exact
/// amount from msg.sender, every approval is exact and reset to zero in the same call, the vault's shares and the
/// policy go straight to msg.sender, and the only refund (unspent premium) is measured as a balance delta and goes
/// to msg.sender. There is no arbitrary-call path and no address the caller can route the router's balance to
/// (the Cozy router exploit of Aug 2025).
interface IInsuredRouter {
    /// @notice Pulls `p.assets` of the vault's asset from msg.sender, deposits them into `p.vault` for shares minted
    /// to msg.sender, then buys cover on `p.marketId` for the asset value of those shares (or `p.coverAmount`),
    /// minting the policy to msg.sender; unspent premium is refunded to msg.sender.
    /// @dev Reverts ZeroAmount, SharesBelowMinimum, DepositNotPulled (the vault left assets behind), AssetMismatch,
    /// ReentrancyGuardReentrantCall, and every buyCover error (TriggerNotActive while the trigger is FROZEN,
    /// PremiumTooHigh, InsufficientCapacity...). Fee-on-transfer tokens are not supported.
    /// @return shares Vault shares received by msg.sender.
    /// @return policyId The policy minted to msg.sender.
    /// @return premium The premium paid to the pools (commission excluded).
    function insuredDeposit(InsuredDepositParams calldata p)
        external
        returns (uint256 shares, uint256 policyId, uint256 premium);

    /// @notice `insuredDeposit` after EIP-2612 permits of the deposit asset and of the cover asset to this router.
    /// When both are the same token, sign one permit for assets + maxPremium and pass a zero-deadline second one.
    /// @dev Warning: a failing permit is ignored (it may have been front-run); the call then needs allowance.
    function insuredDepositWithPermit(
        InsuredDepositParams calldata p,
        PermitData calldata assetPermit,
        PermitData calldata premiumPermit
    ) external returns (uint256 shares, uint256 policyId, uint256 premium);
}
