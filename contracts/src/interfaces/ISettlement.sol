// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

/// @notice A parametric incident being settled or settled, packed in two slots.
struct Incident {
    uint40 time; // incident time reported by the trigger
    uint40 settledAt; // when the last backing pool reserved its share (0 while settlement is under way)
    uint64 payoutPerUnitWad; // payout per unit of cover after deductible, before haircut
    bool swept; // the claim window closed and the unclaimed reserve went back to the pools (or to top-ups)
    bool opened; // the incident is fixed and the market marked TRIGGERED
    uint16 poolsSettled; // backing pools that have reserved their share so far
    uint128 required; // owed across pools for every eligible policy
    uint128 funded; // reserved by the pools; funded < required is the haircut, applied to everyone alike
}

/// @title ISettlement
/// @notice Parametric claims: one settlement per incident, O(pools); then O(1) claims in the same transaction.
interface ISettlement {
    /// @notice Settles a PARAMETRIC market whose trigger has fired: every backing pool reserves its share of the
    /// payouts owed to policies live at the incident time. Anyone may call.
    /// @dev Same as `settlePools(marketId, type(uint256).max)`.
    function settle(uint256 marketId) external returns (Incident memory);

    /// @notice Settles up to `maxPools` more of the market's backing pools, for markets whose pools do not fit in
    /// one transaction. The first call fixes the incident and marks the market TRIGGERED (no more sales); claims
    /// open when the last pool has reserved. Anyone may call.
    /// @dev Cost is O(pools settled), never O(policies), and does not grow with the incident's age. Reverts
    /// WrongClaimMode, TriggerNotFired, AlreadySettled, UnknownMarket.
    function settlePools(uint256 marketId, uint256 maxPools) external returns (Incident memory);

    /// @notice Pays policy `policyId` from its market's reserve to the policy's current owner, and notifies a
    /// contract owner through IPayoutReceiver. Anyone may call; the money always goes to the owner.
    /// @dev Pays amount x payoutPerUnit x funded / required. A policy pays only if it started strictly before the
    /// incident and ended after it. Reverts NotSettled, AlreadyPaid (INV-PAYOUT), StartedAfterIncident
    /// (INV-TIME), ExpiredBeforeIncident, ClaimWindowClosed, NothingToPay, InsufficientCallbackGas,
    /// ERC721NonexistentToken.
    function claim(uint256 policyId) external returns (uint256 payout);

    /// @notice Pays every listed policy that `payoutOf` says is payable now, each to its current owner (as
    /// `claim`), and skips the others (already paid, ineligible, window closed), so a keeper's batch is not undone
    /// by a holder claiming first. Anyone may call. Saves the per-transaction and cold-storage cost of one `claim`
    /// per policy.
    /// @dev Reverts EmptyBatch for an empty list and NothingToClaim when no listed policy pays; then as `claim`
    /// (InsufficientCallbackGas, ERC721NonexistentToken).
    function claimMany(uint256[] calldata policyIds) external returns (uint256 total);

    /// @notice After the claim window, settles the reserve: without a haircut the unclaimed part returns to the
    /// pools that funded it; with one, claimants are first topped up to min(1, funded / claimed) of their full
    /// payout (see `topUp`) and only the rest returns. Anyone may call.
    /// @dev Reverts NotSettled, ClaimWindowOpen, AlreadySwept.
    function sweep(uint256 marketId) external;

    /// @notice After a haircut market is swept, pays a claimed policy the rest of its share: the haircut is
    /// recomputed over the policies that actually claimed, so money meant for eligible holders never goes back
    /// to the LPs while a claimant is short. Anyone may call; pays the owner.
    /// @dev Reverts NotSwept, NotPaid, AlreadyToppedUp, NothingToPay.
    function topUp(uint256 policyId) external returns (uint256 amount);

    /// @notice The incident recorded for `marketId` (zeroes if none).
    function incident(uint256 marketId) external view returns (Incident memory);

    /// @notice Reserve still held for `marketId` (claims and top-ups not yet paid).
    function reserveOf(uint256 marketId) external view returns (uint256);

    /// @notice `pool`'s share of `marketId`'s reserve not yet paid or returned, rounded up; zero once swept.
    function reserveShareOf(uint256 marketId, address pool) external view returns (uint256);

    /// @notice Whether policy `policyId` was paid.
    function isPaid(uint256 policyId) external view returns (bool);

    /// @notice What `claim(policyId)` would pay now (zero if it would revert).
    function payoutOf(uint256 policyId) external view returns (uint256);
}
