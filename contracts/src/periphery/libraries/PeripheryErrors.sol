// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

/// @title PeripheryErrors
/// @notice Every custom error of the periphery (router, insured vault, protection series, risk-price feed), with
/// the values a caller needs. The core's own errors (e.g. `TriggerNotActive`, `PremiumTooHigh`) bubble up unchanged.
library PeripheryErrors {
    /// @notice Thrown when an amount that must be positive is zero.
    error ZeroAmount();
    /// @notice Thrown when an address that must be set is zero.
    error ZeroAddress();
    /// @notice Thrown when a deposit gave `receiver` fewer shares than `minShares`.
    error SharesBelowMinimum(uint256 shares, uint256 minShares);
    /// @notice Thrown when the cover amount is derived from the shares but the vault's asset is not the market's
    /// cover asset (the caller must then give the cover amount).
    error AssetMismatch(address vaultAsset, address coverAsset);
    /// @notice Thrown when a vault did not take exactly the `expected` assets it was given (`left` stayed behind).
    error DepositNotPulled(uint256 expected, uint256 left);
    /// @notice Thrown when `caller` may not deposit into the insured vault for `receiver` (deposit gate).
    error DepositNotAllowed(address caller, address receiver);
    /// @notice Thrown when `caller` is neither a keeper nor the owner of the insured vault.
    error NotKeeper(address caller);
    /// @notice Thrown when a cover premium of `premium` exceeds the yield `yield_` available to pay it.
    error InsufficientYield(uint256 premium, uint256 yield_);
    /// @notice Thrown when the candidate pools can fill only `filled` of the `wanted` cover.
    error CoverNotFilled(uint256 wanted, uint256 filled);
    /// @notice Thrown when a coverage target is zero or above 100% (`targetBps`).
    error InvalidCoverageTarget(uint256 targetBps);
    /// @notice Thrown when the insured vault already holds `max` live policies.
    error TooManyPolicies(uint256 max);
    /// @notice Thrown when the insured vault has no cover configuration yet.
    error CoverNotConfigured();
    /// @notice Thrown when an ERC-721 other than the policy NFT (`token`) is sent to a periphery contract.
    error UnexpectedToken(address token);
    /// @notice Thrown when a payout notification does not come from the settlement or claims module.
    error NotPayer(address caller);
    /// @notice Thrown when a series expiry is not on a UTC day boundary, or not in the future.
    error InvalidExpiry(uint256 expiry);
    /// @notice Thrown when a series is created for market `marketId`, which is not PARAMETRIC.
    error NotParametric(uint256 marketId);
    /// @notice Thrown when a series for (`marketId`, `expiry`) exists already.
    error SeriesExists(uint256 marketId, uint256 expiry);
    /// @notice Thrown when `holder` moves `wanted` tokens but only `unlocked` have matured.
    error TokensLocked(address holder, uint256 unlocked, uint256 wanted);
    /// @notice Thrown when lot `policyId` is resolved before `maturesAt` has passed.
    error LotNotMature(uint256 policyId, uint256 maturesAt);
    /// @notice Thrown when `policyId` is not an unresolved lot of the series.
    error UnknownLot(uint256 policyId);
    /// @notice Thrown when a lot is resolved while market `marketId`'s trigger has an open incident candidate.
    error TriggerFrozen(uint256 marketId);
    /// @notice Thrown when the series is collected before market `marketId`'s incident is settled.
    error NotSettled(uint256 marketId);
    /// @notice Thrown when tokens are redeemed before every policy of the series was collected.
    error NotCollected();
    /// @notice Thrown when more tokens are redeemed (`wanted`) than eligible tokens remain (`eligible`).
    error NotEligible(uint256 wanted, uint256 eligible);
    /// @notice Thrown when a feed round other than the latest is asked for (no history is kept).
    error NoRoundData(uint80 roundId);
}
