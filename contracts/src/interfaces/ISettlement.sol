// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

/// @notice A settled parametric incident, packed in two slots.
struct Incident {
    uint40 time; // incident time reported by the trigger
    uint40 settledAt;
    uint64 payoutPerUnitWad; // payout per unit of cover after deductible, before haircut
    bool swept; // unclaimed reserve returned to the pools
    uint128 required; // owed across pools for every eligible policy
    uint128 funded; // reserved by the pools; funded < required is the haircut, applied to everyone alike
}

/// @title ISettlement
/// @notice Parametric claims: one settlement per incident, O(pools); then O(1) claims in the same transaction.
interface ISettlement {
    /// @notice Settles a PARAMETRIC market whose trigger has fired: every backing pool reserves its share of the
    /// payouts owed to policies active at the incident time. Anyone may call.
    /// @dev Cost is O(pools backing the market), never O(policies). Reverts WrongClaimMode, TriggerNotFired,
    /// AlreadySettled, UnknownMarket.
    function settle(uint256 marketId) external returns (Incident memory);

    /// @notice Pays policy `policyId` from its market's reserve to the policy's current owner, and notifies a
    /// contract owner through IPayoutReceiver. Anyone may call; the money always goes to the owner.
    /// @dev Pays amount x payoutPerUnit x funded / required. Reverts NotSettled, AlreadyPaid (INV-PAYOUT),
    /// StartedAfterIncident (INV-TIME), ExpiredBeforeIncident, ClaimWindowClosed, ERC721NonexistentToken.
    function claim(uint256 policyId) external returns (uint256 payout);

    /// @notice After the claim window, returns each pool's unclaimed share of the reserve to it. Anyone may call.
    /// @dev Reverts NotSettled, ClaimWindowOpen, AlreadySettled (already swept).
    function sweep(uint256 marketId) external;

    /// @notice The incident recorded for `marketId` (zeroes if not settled).
    function incident(uint256 marketId) external view returns (Incident memory);

    /// @notice Reserve still held for `marketId`.
    function reserveOf(uint256 marketId) external view returns (uint256);

    /// @notice Whether policy `policyId` was paid.
    function isPaid(uint256 policyId) external view returns (bool);

    /// @notice What `claim(policyId)` would pay now (zero if it would revert).
    function payoutOf(uint256 policyId) external view returns (uint256);
}
