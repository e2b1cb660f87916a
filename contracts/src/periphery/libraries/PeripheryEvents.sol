// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

/// @title PeripheryEvents
/// @notice Every event of the periphery.
library PeripheryEvents {
    /// @notice Emitted when `user` deposited `assets` into `vault` for `shares` and bought policy `policyId`.
    /// @param coverAmount The cover bought (the asset value of the shares unless given).
    /// @param premium The premium paid to the pools (commission excluded).
    event InsuredDeposit(
        address indexed user,
        address indexed vault,
        uint256 indexed policyId,
        uint256 assets,
        uint256 shares,
        uint256 coverAmount,
        uint256 premium
    );

    /// @notice Emitted when the insured vault's owner sets its cover terms.
    /// @param targetBps Cover to hold, in basis points of the vault's assets.
    /// @param period Length of each policy bought.
    /// @param renewBefore Policies ending within this long no longer count, so cover is renewed before it lapses.
    event CoverConfigSet(uint256 indexed marketId, uint16 targetBps, uint32 period, uint32 renewBefore, uint32[] pools);
    /// @notice Emitted when `keeper` is allowed (or no longer) to roll cover.
    event KeeperSet(address indexed keeper, bool allowed);
    /// @notice Emitted when the insured vault's deposit gate changes (zero: open).
    event GateSet(address indexed gate);
    /// @notice Emitted when the keeper bought policy `policyId` of `amount` for `premium`, paid from yield.
    /// @param coveredBps The vault's coverage after the purchase, in basis points of its assets.
    event CoverRolled(uint256 indexed policyId, uint256 amount, uint256 premium, uint256 coveredBps);
    /// @notice Emitted when an expired policy leaves the insured vault's live list (it can still be claimed).
    event PolicyExpired(uint256 indexed policyId);
    /// @notice Emitted when a payout of `amount` for `policyId` reached the insured vault.
    event PayoutReceived(uint256 indexed policyId, uint256 amount);

    /// @notice Emitted when series `series` is created for (`marketId`, `expiry`).
    event SeriesCreated(uint256 indexed marketId, uint256 indexed expiry, address series);
    /// @notice Emitted when `holder` minted `amount` protection through policy `policyId` for `premium`.
    /// @param maturesAt The tokens stay locked in `holder`'s balance until after this time.
    event ProtectionMinted(
        address indexed holder, uint256 indexed policyId, uint256 amount, uint256 premium, uint256 maturesAt
    );
    /// @notice Emitted when lot `policyId` of `holder` is resolved: its `amount` tokens unlock (`eligible`) or
    /// are burned (its policy started at or after the incident and never pays).
    event LotResolved(uint256 indexed policyId, address indexed holder, uint256 amount, bool eligible);
    /// @notice Emitted when every policy of the series was collected after the incident settled.
    /// @param eligibleSupply Tokens whose policies were live at the incident: they share `collected` pro rata.
    event Collected(uint256 eligibleSupply, uint256 collected);
    /// @notice Emitted when `holder` burned `amount` tokens for `paid` of the cover asset.
    event Redeemed(address indexed holder, uint256 amount, uint256 paid);
}
