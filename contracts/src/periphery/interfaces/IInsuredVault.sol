// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IDepositGate} from "../../interfaces/IDepositGate.sol";

/// @notice A policy the insured vault holds, cached so coverage is computed without external calls.
/// @dev Packed in one slot: 64 + 96 + 40 + 40 = 240 bits.
struct HeldPolicy {
    uint64 policyId;
    uint96 amount;
    uint40 start;
    uint40 end;
}

/// @title IInsuredVault
/// @notice An ERC-4626 vault over an underlying yield vault whose deposits stay covered by Backstop policies,
/// bought by a keeper from yield only and paid to the vault (so the share price is made whole after an incident).
interface IInsuredVault {
    /// @notice Buys the cover the vault lacks: if the policies not ending within `renewBefore` cover less than
    /// `targetBps` of totalAssets, buys the difference on the configured market for `period`, paying the quoted
    /// premium from yield (totalAssets above principal), never from principal. Expired policies leave the live list.
    /// @dev Idempotent: a second call in the same state buys nothing and returns (0, 0). Nothing is applied on revert,
    /// so a keeper simply retries. Reverts NotKeeper, CoverNotConfigured, CoverNotFilled (not enough capacity for the
    /// whole shortfall), InsufficientYield, TooManyPolicies, and buyCover's errors (TriggerNotActive,
    /// MarketNotActive...).
    /// @return policyId The policy bought (0 if none was needed).
    /// @return premium The premium paid (0 if none was needed).
    function rollCover() external returns (uint256 policyId, uint256 premium);

    /// @notice Cover that counts towards the target (policies not ending within `renewBefore`, including ones still
    /// maturing), in basis points of totalAssets; type(uint256).max when the vault holds no assets.
    function coverageRatio() external view returns (uint256);

    /// @notice Cover in force right now (start <= now < end) and the amount of it.
    function activeCoverage() external view returns (uint256 amount);

    /// @notice The live policies the vault holds (expired ones are dropped at the next roll; they stay claimable).
    function policies() external view returns (HeldPolicy[] memory);

    /// @notice Net assets deposited and not withdrawn (withdrawals take their pro rata part): premiums never dip
    /// into it.
    function principal() external view returns (uint256);

    /// @notice totalAssets above principal: what premiums can be paid from.
    function yieldAvailable() external view returns (uint256);

    /// @notice The cover terms: market, target in bps of assets, policy period, renewal lead time, candidate pools.
    function coverConfig()
        external
        view
        returns (uint256 marketId, uint16 targetBps, uint32 period, uint32 renewBefore, uint32[] memory pools);

    /// @notice Sets the cover terms. Owner only.
    /// @dev Reverts AssetMismatch (the market's cover asset is not the vault's asset), InvalidCoverageTarget.
    function setCoverConfig(uint256 marketId, uint16 targetBps, uint32 period, uint32 renewBefore, uint32[] calldata pools)
        external;

    /// @notice Allows or disallows `keeper` to call rollCover. Owner only.
    function setKeeper(address keeper, bool allowed) external;

    /// @notice Sets the deposit gate (zero: open). Deposits and mints require gate.isAllowed(vault, caller,
    /// receiver). Owner only.
    function setGate(IDepositGate gate) external;
}
