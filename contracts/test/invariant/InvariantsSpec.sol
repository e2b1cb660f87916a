// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

/// @title InvariantsSpec
/// @notice The underwriting core's invariants, one ID each. `Invariants.t.sol` has one invariant function per ID,
/// named after it, checked after every handler action sequence.
abstract contract InvariantsSpec {
    /// @notice For every pool and correlation group g: groupExposure(g) <= capital x cap(g) <= capital; and
    /// totalExposure <= capital x leverage. No losses exist in the core, so capital is never reduced by claims.
    string internal constant INV_SOLVENCY = "INV-SOLVENCY: group exposure <= capital x group cap <= capital";

    /// @notice For every pool: asset balance == totalAssets + unearnedPremium + curator fees + protocol fees,
    /// exactly (totalAssets is defined as the balance minus the other three, which never exceed the balance).
    string internal constant INV_CONSERVATION = "INV-CONSERVATION: balance = capital + unearned premium + fees owed";

    /// @notice For every pool: what LPs received <= what they deposited + LP premium earned so far, and
    /// capital + received == deposits + LP premium - unearned premium (unearned premium never leaves the pool).
    string internal constant INV_UNEARNED = "INV-UNEARNED: LPs never receive unearned premium";

    /// @notice After every redemption or withdrawal: capital >= lockedCapital.
    string internal constant INV_LOCK = "INV-LOCK: withdrawals never take capital below locked capital";

    /// @notice Share price ((totalAssets + 1) / (totalSupply + 10^6), the ERC-4626 virtual amounts) never decreases
    /// across any action: there are no losses in the core and every conversion rounds in the pool's favour.
    string internal constant INV_SHARES = "INV-SHARES: share price is non-decreasing without losses";
}
