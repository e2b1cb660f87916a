// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

/// @title InvariantsSpec
/// @notice The core's invariants, one ID each (docs/invariants.md). `CoreInvariants.t.sol` has one invariant
/// function per ID, named after it, checked after every handler action sequence.
abstract contract InvariantsSpec {
    /// @notice At every sale, for every pool and group g: groupExposure(g) <= underwriting capital x cap(g) <=
    /// capital; a pool's first loss (an incident or an approved claim) is always paid in full, however expired
    /// cover, frozen triggers, pending claims and new sales on other markets interleave.
    string internal constant INV_SOLVENCY = "INV-SOLVENCY: any single correlated event is fully funded";

    /// @notice For every pool: asset balance == an independent ledger of the inflows and outflows the pool
    /// reported (deposits, premium slices, returned reserve; exits, fees, reserve funded, claims paid), and
    /// balance == capital + unearned premium + fees owed.
    string internal constant INV_CONSERVATION = "INV-CONSERVATION: balance = ledger = capital + unearned + fees";

    /// @notice For every pool: unearned premium <= the LP premium it was ever paid.
    string internal constant INV_UNEARNED = "INV-UNEARNED: LPs never receive unearned premium";

    /// @notice After every exit: capital >= lockedCapital.
    string internal constant INV_LOCK = "INV-LOCK: withdrawals never take capital below locked capital";

    /// @notice The share price at the deposit valuation falls only in actions that pay losses (claims, top-ups,
    /// assessed payouts, sweeps that keep money for top-ups); settling moves capital into the receivable at par.
    string internal constant INV_SHARES = "INV-SHARES: share price falls only through paid losses";

    /// @notice No policy is paid more than amount x (1 - deductible).
    string internal constant INV_PAYOUT = "INV-PAYOUT: a policy pays at most amount x (1 - deductible)";

    /// @notice Settlement holds at least the reserve it still owes on every market.
    string internal constant INV_RESERVE = "INV-RESERVE: settlement holds every reserve it owes";
}
