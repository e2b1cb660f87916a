// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

/// @notice Where an assessed claim stands.
enum ClaimStatus {
    NONE,
    FAST_TRACK, // approved when the challenge window passes unchallenged
    VOTING, // challenged or above the fast-track limit: the market's assessors vote
    APPROVED, // payable once the cooldown (governance may void fraud) is over
    DENIED,
    VOIDED,
    PAID
}

/// @notice One assessed claim, packed in four slots.
struct Claim {
    // slot 0
    address claimant;
    uint32 marketId;
    uint40 deadline; // end of the challenge window or of the vote
    ClaimStatus status;
    // slot 1
    address challenger;
    uint40 payableAt;
    uint16 yes;
    uint16 no;
    // slot 2
    uint128 amount;
    uint128 deposit;
    // slot 3
    uint128 bond;
    uint128 policyId;
}

/// @notice An assessor group's rules.
struct AssessorRules {
    uint32 votingPeriod;
    uint32 lateVoteWindow; // a vote cast this close to the end moves the end to vote time + this window
    uint32 cooldown; // after approval, time during which governance may void fraud
    uint16 quorum; // minimum number of votes
    uint16 members;
}

/// @notice An assessor vote on a disputed optimistic-trigger proposal, packed in one slot.
struct TriggerDispute {
    uint32 marketId;
    uint40 deadline;
    uint16 yes;
    uint16 no;
    bool resolved;
    uint64 proposalId; // the trigger's proposal the vote is about
}

/// @title IAssessedClaims
/// @notice Claims on ASSESSED markets: optimistic fast track by default, assessor vote when challenged or large.
interface IAssessedClaims {
    /// @notice Files a claim of `amount` on policy `policyId` with evidence; takes a deposit from the owner and
    /// holds the amount in the policy's pools (locked capital) until the claim ends.
    /// @dev Reverts NotPolicyOwner, WrongClaimMode, NotCovered, ZeroAmount, ClaimTooLarge, ClaimExists,
    /// NoAssessorGroup (the market has no assessors: its claims could be neither challenged nor voided).
    function submitClaim(uint256 policyId, uint256 amount, string calldata evidenceURI)
        external
        returns (uint256 claimId);

    /// @notice Challenges a fast-track claim within its window by posting a bond; the claim goes to a vote.
    /// @dev Reverts WrongClaimStatus, ChallengeWindowClosed, SelfChallenge (the claimant cannot challenge its own
    /// claim), NoAssessorGroup.
    function challenge(uint256 claimId) external;

    /// @notice Votes on a claim. One member, one vote; a late vote extends the end.
    /// @dev Reverts WrongClaimStatus, NotAssessor, AlreadyVoted, VotingClosed.
    function vote(uint256 claimId, bool approve) external;

    /// @notice Closes a claim whose challenge window or vote is over: APPROVED or DENIED. Anyone may call.
    /// @dev An approval, fast-track or voted, becomes payable after the assessor group's cooldown, during which the
    /// voider may void fraud.
    function finalize(uint256 claimId) external returns (ClaimStatus);

    /// @notice Voids an approved claim as fraud during its cooldown. Governance.
    function voidClaim(uint256 claimId) external;

    /// @notice Pays an approved claim after its cooldown from the policy's pools to the policy's current owner,
    /// and settles deposit and bond. Anyone may call. A contract owner is notified through IPayoutReceiver with
    /// CALLBACK_GAS; the callback's failure is ignored.
    /// @dev Reverts InsufficientCallbackGas when the owner is a contract and the caller left too little gas to
    /// forward CALLBACK_GAS under the 63/64 rule (so a caller cannot pay without notifying).
    function redeemClaim(uint256 claimId) external returns (uint256 paid);

    /// @notice Creates an assessor group; returns its id (from 1). Governance.
    function createAssessorGroup(address[] calldata members, AssessorRules calldata rules)
        external
        returns (uint256 groupId);

    /// @notice Assigns an assessor group to a market. Governance.
    function setMarketAssessors(uint256 marketId, uint256 groupId) external;

    /// @notice Sets the challenge window and the deposit and bond rates (bps of the claimed amount). Governance.
    function setClaimParams(uint32 challengeWindow, uint16 depositBps, uint16 bondBps) external;

    /// @notice Puts the disputed proposal of `marketId`'s optimistic trigger to the market's assessors. Anyone.
    /// @dev The trigger's resolver must be this contract. Reverts WrongClaimMode, InvalidAssessorParams("resolver"),
    /// NoDisputeOpen, NoAssessorGroup, ClaimExists (a vote is already open for that proposal).
    function openTriggerDispute(uint256 marketId) external returns (uint256 disputeId);

    /// @notice Votes to uphold (the incident happened) or reject a disputed proposal; same rules as claim votes.
    function voteOnDispute(uint256 disputeId, bool uphold) external;

    /// @notice After the vote, resolves the trigger's proposal: upheld with quorum and majority, else rejected.
    /// @dev Reverts TooEarly, WrongClaimStatus (already resolved), StaleDispute.
    function resolveTriggerDispute(uint256 disputeId) external returns (bool upheld);

    /// @notice Sends the bonds slashed in disputes of `marketId`'s optimistic trigger (credited to this contract as
    /// its resolver) to the protocol treasury. Anyone.
    /// @dev Reverts InvalidAssessorParams("resolver") unless this contract is the trigger's resolver, and the
    /// trigger's NothingOwed when there is nothing to collect.
    function collectTriggerBonds(uint256 marketId) external returns (uint256 amount);

    /// @notice Whether `marketId` has an assessor group. An ASSESSED market without one accepts no claims, and
    /// must not sell cover.
    function hasAssessors(uint256 marketId) external view returns (bool);

    /// @notice A trigger dispute.
    function disputeOf(uint256 disputeId) external view returns (TriggerDispute memory);

    /// @notice A claim.
    function claimOf(uint256 claimId) external view returns (Claim memory);

    /// @notice Number of claims; ids run from 1.
    function claimCount() external view returns (uint256);
}
