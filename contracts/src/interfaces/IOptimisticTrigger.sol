// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ITrigger} from "./ITrigger.sol";

/// @title IOptimisticTrigger
/// @notice Anyone proposes an incident with a bond; undisputed for the liveness period, a poke fires it and
/// returns the bond. Anyone may dispute within the liveness period with an equal bond; the resolver (an assessor
/// vote) then calls `resolve`. The loser's bond is split: the winner gets its own bond back plus half of the
/// loser's (SLASH_BPS), the other half goes to the resolver (which forwards it to the protocol treasury), so a
/// dispute always costs the loser something that does not return to it, even when proposer and disputer are the
/// same party. FROZEN while a proposal is open.
/// @dev Freezing cannot be repeated at will: after a rejection no proposal is accepted for REJECTION_COOLDOWN, and
/// the bond doubles with each rejection (up to 2^MAX_STRIKES times the base bond) until STRIKE_MEMORY passes
/// without one. Incident times are bounded: earliestIncidentTime() <= time <= now.
/// Bonds are credited, then withdrawn with `withdrawBonds` (pull), so no token transfer to a party (e.g. a
/// blocklisted address) can block a poke or a resolution. The resolver learns of a dispute from the `Disputed`
/// event and reads it with `proposal()` and `proposalId()`; a resolver that runs votes should check `proposalId()`
/// before calling `resolve`, so a late vote on an old proposal cannot settle a newer one. Assumes a bond token
/// without transfer fees.
interface IOptimisticTrigger is ITrigger {
    /// @notice The open proposal.
    /// @param proposer Who proposed it and posted the bond.
    /// @param time The incident time.
    /// @param payoutWad The payout ratio.
    /// @param proposedAt When it was proposed; disputes are accepted until proposedAt + liveness.
    /// @param disputer Who disputed it, or zero.
    /// @param bond The bond the proposer posted; a dispute posts the same.
    struct Proposal {
        address proposer;
        uint40 time;
        uint64 payoutWad;
        uint40 proposedAt;
        address disputer;
        uint96 bond;
    }

    /// @notice Thrown when the bond token, or the resolver, is the zero address.
    error ZeroAddress();
    /// @notice Thrown when the liveness period is zero.
    error ZeroLiveness();
    /// @notice Thrown when proposing while the trigger is not ACTIVE.
    error NotActive(uint8 state);
    /// @notice Thrown when disputing, resolving or reading a proposal while none is open.
    error NoOpenProposal();
    /// @notice Thrown when the payout ratio is zero or above 1e18.
    error InvalidPayout(uint256 payoutWad);
    /// @notice Thrown when disputing at or after the end of the liveness period.
    error LivenessExpired(uint256 proposalId, uint256 deadline);
    /// @notice Thrown when disputing a proposal that is already disputed.
    error AlreadyDisputed(uint256 proposalId, address disputer);
    /// @notice Thrown when resolving a proposal that is not disputed.
    error NotDisputed(uint256 proposalId);
    /// @notice Thrown when the caller is not the resolver.
    error NotResolver(address caller);
    /// @notice Thrown when withdrawing with nothing owed.
    error NothingOwed(address account);
    /// @notice Thrown when proposing within REJECTION_COOLDOWN of a rejected proposal.
    error RejectionCooldown(uint256 reopensAt);

    /// @notice Emitted when an incident is proposed.
    /// @param proposalId The proposal.
    /// @param proposer Who proposed it.
    /// @param time The incident time.
    /// @param payoutWad The payout ratio.
    /// @param evidenceURI Where the evidence is.
    event Proposed(
        uint256 indexed proposalId, address indexed proposer, uint256 time, uint256 payoutWad, string evidenceURI
    );

    /// @notice Emitted when a proposal is disputed; the resolver takes it from here.
    /// @param proposalId The proposal.
    /// @param disputer Who disputed it.
    event Disputed(uint256 indexed proposalId, address indexed disputer);

    /// @notice Emitted when a proposal ends.
    /// @param proposalId The proposal.
    /// @param upheld Whether the incident stands (the trigger fired).
    /// @param winner Who was credited the bonds.
    /// @param amount How much was credited.
    event Settled(uint256 indexed proposalId, bool upheld, address indexed winner, uint256 amount);

    /// @notice Emitted when a dispute ends and part of the loser's bond is slashed (credited to the resolver).
    /// @param proposalId The proposal.
    /// @param loser Whose bond was slashed.
    /// @param amount How much was slashed.
    event BondSlashed(uint256 indexed proposalId, address indexed loser, uint256 amount);

    /// @notice Emitted when bonds are withdrawn.
    /// @param account Whose credit.
    /// @param to The recipient.
    /// @param amount How much.
    event BondsWithdrawn(address indexed account, address indexed to, uint256 amount);

    /// @notice Proposes an incident, pulling `currentBond()` from the caller; the trigger becomes FROZEN.
    /// @dev Reverts NotActive, RejectionCooldown (within REJECTION_COOLDOWN of a rejection), IncidentTooOld
    /// (time < earliestIncidentTime()), IncidentInFuture (time > now), InvalidPayout (0 or > 1e18). Needs an
    /// allowance of `currentBond()`.
    /// @return proposalId The new proposal's id.
    function propose(uint256 time, uint256 payoutWad, string calldata evidenceURI)
        external
        returns (uint256 proposalId);

    /// @notice Disputes the open proposal, pulling a bond equal to the proposal's from the caller.
    /// @dev Reverts when no proposal is open, it is already disputed, or the liveness period has ended.
    function dispute() external;

    /// @notice Settles the open, disputed proposal: upheld fires the trigger, rejected returns it to ACTIVE and
    /// counts a strike. The winner is credited both bonds less the slashed part (SLASH_BPS of one bond, rounded up),
    /// which is credited to the resolver.
    /// @dev Only the resolver. Warning: the resolver is trusted with the outcome of disputes.
    function resolve(bool upheld) external;

    /// @notice Sends `to` all bonds credited to the caller.
    function withdrawBonds(address to) external returns (uint256 amount);

    /// @notice The share of the losing bond, in bps, that goes to the resolver rather than to the winner.
    function SLASH_BPS() external view returns (uint256);

    /// @notice Seconds after a rejection during which no proposal is accepted.
    function REJECTION_COOLDOWN() external view returns (uint256);

    /// @notice Seconds without a rejection after which the bond returns to the base bond.
    function STRIKE_MEMORY() external view returns (uint256);

    /// @notice The most doublings of the bond.
    function MAX_STRIKES() external view returns (uint256);

    /// @notice The bond a proposal posts now: the base bond doubled per recent rejection (at most MAX_STRIKES).
    function currentBond() external view returns (uint256);

    /// @notice When proposals are accepted again after the last rejection (0 if there was none).
    function proposalsReopenAt() external view returns (uint256);

    /// @notice The earliest incident time a proposal may give now: max(deployment, now - MAX_INCIDENT_LOOKBACK).
    function earliestIncidentTime() external view returns (uint256);

    /// @notice The bond token.
    function bondToken() external view returns (IERC20);

    /// @notice The base bond of a proposal (and of its dispute), before escalation.
    function bond() external view returns (uint256);

    /// @notice Seconds a proposal can be disputed.
    function liveness() external view returns (uint256);

    /// @notice Who settles disputes.
    function resolver() external view returns (address);

    /// @notice The id of the latest proposal (0 before the first).
    function proposalId() external view returns (uint256);

    /// @notice The open proposal.
    /// @dev Reverts with NoOpenProposal unless FROZEN.
    function proposal() external view returns (Proposal memory);

    /// @notice Bonds credited to `account` and not yet withdrawn.
    function bondsOwed(address account) external view returns (uint256);
}
