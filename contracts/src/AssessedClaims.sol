// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IAssessedClaims, Claim, ClaimStatus, AssessorRules, TriggerDispute} from "./interfaces/IAssessedClaims.sol";
import {IOptimisticTrigger} from "./interfaces/IOptimisticTrigger.sol";
import {IMarkets} from "./interfaces/IMarkets.sol";
import {IPool} from "./interfaces/IPool.sol";
import {ICoverManager, Policy, Slice} from "./interfaces/ICoverManager.sol";
import {ClaimMode, Market} from "./types/Types.sol";
import {ErrorsLib} from "./libraries/ErrorsLib.sol";
import {EventsLib} from "./libraries/EventsLib.sol";
import {BPS, CALLBACK_GAS} from "./libraries/ConstantsLib.sol";
import {IPayoutReceiver} from "./interfaces/IPayoutReceiver.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title AssessedClaims
/// @notice Claims that need judgement: paid after a short challenge window unless a bonded challenger
/// objects; challenged or large claims go to the market's assessors.
/// @dev INV-PAYOUT: a policy has at most one claim that is not DENIED or VOIDED, and a claim pays at most
/// amount x (1 - deductible).
contract AssessedClaims is IAssessedClaims, AccessManaged {
    using SafeERC20 for IERC20;

    /// @dev Gas the callback's CALL itself costs beyond what it forwards (cold account, memory, copying).
    uint256 internal constant CALLBACK_OVERHEAD = 5_000;

    IMarkets internal immutable MARKETS;
    ICoverManager internal immutable COVER;

    /* STORAGE */

    /// @inheritdoc IAssessedClaims
    uint256 public claimCount;
    mapping(uint256 claimId => Claim) internal _claims;
    mapping(uint256 claimId => mapping(address => bool)) public hasVoted;
    mapping(uint256 policyId => uint256 claimId) public claimOfPolicy;

    uint256 public groupCount;
    mapping(uint256 groupId => AssessorRules) public rulesOf;
    mapping(uint256 groupId => mapping(address => bool)) public isAssessor;
    mapping(uint256 marketId => uint256 groupId) public assessorsOf;

    uint256 public disputeCount;
    mapping(uint256 disputeId => TriggerDispute) internal _disputes;
    mapping(uint256 disputeId => mapping(address => bool)) public hasVotedOnDispute;
    mapping(address trigger => mapping(uint256 proposalId => uint256 disputeId)) public disputeOfProposal;

    uint32 public challengeWindow = 2 days;
    uint16 public depositBps = 100;
    uint16 public bondBps = 500;

    constructor(address authority, IMarkets markets_, ICoverManager cover_) AccessManaged(authority) {
        MARKETS = markets_;
        COVER = cover_;
    }

    /* CLAIMANTS */

    /// @inheritdoc IAssessedClaims
    function submitClaim(uint256 policyId, uint256 amount, string calldata evidenceURI)
        external
        returns (uint256 claimId)
    {
        require(IERC721(address(COVER)).ownerOf(policyId) == msg.sender, ErrorsLib.NotPolicyOwner(policyId, msg.sender));
        Policy memory pol = COVER.policy(policyId);
        Market memory m = MARKETS.market(pol.marketId);
        require(m.claimMode == ClaimMode.ASSESSED, ErrorsLib.WrongClaimMode(pol.marketId));
        require(
            block.timestamp >= pol.start && block.timestamp <= uint256(pol.end) + m.claimWindow,
            ErrorsLib.NotCovered(policyId, pol.start, pol.end)
        );
        require(amount != 0, ErrorsLib.ZeroAmount());
        uint256 maxPayout = uint256(pol.amount) * (BPS - m.deductibleBps) / BPS;
        require(amount <= maxPayout, ErrorsLib.ClaimTooLarge(amount, maxPayout));
        uint256 previous = claimOfPolicy[policyId];
        if (previous != 0) {
            ClaimStatus s = _claims[previous].status;
            require(s == ClaimStatus.DENIED || s == ClaimStatus.VOIDED, ErrorsLib.ClaimExists(policyId, previous));
        }

        // Without assessors a fast-track claim could be neither challenged nor voided: no claims at all.
        uint256 groupId = assessorsOf[pol.marketId];
        require(groupId != 0, ErrorsLib.NoAssessorGroup(pol.marketId));
        bool fastTrack = amount <= m.fastTrackLimit;
        uint256 deadline = block.timestamp + (fastTrack ? challengeWindow : rulesOf[groupId].votingPeriod);

        claimId = ++claimCount;
        claimOfPolicy[policyId] = claimId;
        uint256 deposit = amount * depositBps / BPS;
        _claims[claimId] = Claim({
            claimant: msg.sender,
            marketId: pol.marketId,
            deadline: SafeCast.toUint40(deadline),
            status: fastTrack ? ClaimStatus.FAST_TRACK : ClaimStatus.VOTING,
            challenger: address(0),
            payableAt: 0,
            yes: 0,
            no: 0,
            amount: SafeCast.toUint128(amount),
            deposit: SafeCast.toUint128(deposit),
            bond: 0,
            policyId: SafeCast.toUint128(policyId)
        });
        if (deposit != 0) IERC20(m.asset).safeTransferFrom(msg.sender, address(this), deposit);
        _hold(policyId, pol, amount, true);
        emit EventsLib.ClaimSubmitted(claimId, policyId, msg.sender, amount, evidenceURI);
        emit EventsLib.ClaimStatusChanged(claimId, fastTrack ? ClaimStatus.FAST_TRACK : ClaimStatus.VOTING);
    }

    /// @inheritdoc IAssessedClaims
    function challenge(uint256 claimId) external {
        Claim storage c = _existing(claimId);
        require(c.status == ClaimStatus.FAST_TRACK, ErrorsLib.WrongClaimStatus(claimId, uint8(c.status)));
        require(block.timestamp <= c.deadline, ErrorsLib.ChallengeWindowClosed(claimId, c.deadline));
        require(msg.sender != c.claimant, ErrorsLib.SelfChallenge(claimId, msg.sender));
        uint256 groupId = assessorsOf[c.marketId];
        require(groupId != 0, ErrorsLib.NoAssessorGroup(c.marketId));
        uint256 bond = uint256(c.amount) * bondBps / BPS;
        c.challenger = msg.sender;
        c.bond = SafeCast.toUint128(bond);
        c.status = ClaimStatus.VOTING;
        c.deadline = SafeCast.toUint40(block.timestamp + rulesOf[groupId].votingPeriod);
        if (bond != 0) IERC20(_asset(c.marketId)).safeTransferFrom(msg.sender, address(this), bond);
        emit EventsLib.ClaimChallenged(claimId, msg.sender, bond);
        emit EventsLib.ClaimStatusChanged(claimId, ClaimStatus.VOTING);
    }

    /// @inheritdoc IAssessedClaims
    function vote(uint256 claimId, bool approve) external {
        Claim storage c = _existing(claimId);
        require(c.status == ClaimStatus.VOTING, ErrorsLib.WrongClaimStatus(claimId, uint8(c.status)));
        uint256 deadline = _castVote(hasVoted[claimId], claimId, assessorsOf[c.marketId], c.deadline);
        c.deadline = SafeCast.toUint40(deadline);
        if (approve) ++c.yes;
        else ++c.no;
        emit EventsLib.Voted(claimId, msg.sender, approve, deadline);
    }

    /// @inheritdoc IAssessedClaims
    function finalize(uint256 claimId) external returns (ClaimStatus status) {
        Claim storage c = _existing(claimId);
        status = c.status;
        require(
            status == ClaimStatus.FAST_TRACK || status == ClaimStatus.VOTING,
            ErrorsLib.WrongClaimStatus(claimId, uint8(status))
        );
        require(block.timestamp > c.deadline, ErrorsLib.TooEarly(claimId, c.deadline));
        AssessorRules memory rules = rulesOf[assessorsOf[c.marketId]];
        bool approved = status == ClaimStatus.FAST_TRACK || (uint256(c.yes) + c.no >= rules.quorum && c.yes > c.no);
        status = approved ? ClaimStatus.APPROVED : ClaimStatus.DENIED;
        // Fast-track and voted approvals alike wait the cooldown, during which the voider can void fraud.
        if (approved) c.payableAt = SafeCast.toUint40(block.timestamp + rules.cooldown);
        c.status = status;
        if (status == ClaimStatus.DENIED) _closeRejected(c);
        emit EventsLib.ClaimStatusChanged(claimId, status);
    }

    /// @inheritdoc IAssessedClaims
    function voidClaim(uint256 claimId) external restricted {
        Claim storage c = _existing(claimId);
        require(
            c.status == ClaimStatus.APPROVED && block.timestamp < c.payableAt,
            ErrorsLib.WrongClaimStatus(claimId, uint8(c.status))
        );
        c.status = ClaimStatus.VOIDED;
        _closeRejected(c);
        emit EventsLib.ClaimStatusChanged(claimId, ClaimStatus.VOIDED);
    }

    /// @inheritdoc IAssessedClaims
    function redeemClaim(uint256 claimId) external returns (uint256 paid) {
        Claim storage c = _existing(claimId);
        require(c.status == ClaimStatus.APPROVED, ErrorsLib.WrongClaimStatus(claimId, uint8(c.status)));
        require(block.timestamp >= c.payableAt, ErrorsLib.TooEarly(claimId, c.payableAt));
        c.status = ClaimStatus.PAID;
        uint256 policyId = c.policyId;
        paid = c.amount;
        address owner = IERC721(address(COVER)).ownerOf(policyId);
        Slice[] memory slices = COVER.slices(policyId);
        uint256 policyAmount = COVER.policy(policyId).amount;
        uint256 remaining = paid;
        for (uint256 i; i < slices.length; ++i) {
            uint256 share = i + 1 == slices.length ? remaining : paid * slices[i].amount / policyAmount;
            remaining -= share;
            IPool(MARKETS.pool(slices[i].poolId)).payClaim(owner, share, share);
        }
        // The claim was right: the deposit comes back, and a challenger's bond pays the claimant.
        IERC20 asset = IERC20(_asset(c.marketId));
        uint256 back = uint256(c.deposit) + c.bond;
        if (back != 0) asset.safeTransfer(c.claimant, back);
        emit EventsLib.ClaimRedeemed(claimId, owner, paid);
        emit EventsLib.ClaimStatusChanged(claimId, ClaimStatus.PAID);
        if (owner.code.length != 0) _notify(owner, policyId, address(asset), paid);
    }

    /* TRIGGER DISPUTES */

    /// @inheritdoc IAssessedClaims
    function openTriggerDispute(uint256 marketId) external returns (uint256 disputeId) {
        Market memory m = MARKETS.market(marketId);
        require(m.claimMode == ClaimMode.PARAMETRIC, ErrorsLib.WrongClaimMode(marketId));
        IOptimisticTrigger trigger = IOptimisticTrigger(m.trigger);
        require(trigger.resolver() == address(this), ErrorsLib.InvalidAssessorParams("resolver"));
        require(trigger.proposal().disputer != address(0), ErrorsLib.NoDisputeOpen(marketId));
        uint256 groupId = assessorsOf[marketId];
        require(groupId != 0, ErrorsLib.NoAssessorGroup(marketId));
        uint256 proposalId = trigger.proposalId();
        uint256 existing = disputeOfProposal[address(trigger)][proposalId];
        require(existing == 0, ErrorsLib.ClaimExists(proposalId, existing));

        disputeId = ++disputeCount;
        disputeOfProposal[address(trigger)][proposalId] = disputeId;
        uint256 deadline = block.timestamp + rulesOf[groupId].votingPeriod;
        _disputes[disputeId] = TriggerDispute({
            marketId: SafeCast.toUint32(marketId),
            deadline: SafeCast.toUint40(deadline),
            yes: 0,
            no: 0,
            resolved: false,
            proposalId: SafeCast.toUint64(proposalId)
        });
        emit EventsLib.TriggerDisputeOpened(disputeId, marketId, proposalId, deadline);
    }

    /// @inheritdoc IAssessedClaims
    function voteOnDispute(uint256 disputeId, bool uphold) external {
        TriggerDispute storage d = _existingDispute(disputeId);
        require(!d.resolved, ErrorsLib.WrongClaimStatus(disputeId, uint8(ClaimStatus.PAID)));
        uint256 deadline = _castVote(hasVotedOnDispute[disputeId], disputeId, assessorsOf[d.marketId], d.deadline);
        d.deadline = SafeCast.toUint40(deadline);
        if (uphold) ++d.yes;
        else ++d.no;
        emit EventsLib.DisputeVoted(disputeId, msg.sender, uphold, deadline);
    }

    /// @inheritdoc IAssessedClaims
    function resolveTriggerDispute(uint256 disputeId) external returns (bool upheld) {
        TriggerDispute storage d = _existingDispute(disputeId);
        require(!d.resolved, ErrorsLib.WrongClaimStatus(disputeId, uint8(ClaimStatus.PAID)));
        require(block.timestamp > d.deadline, ErrorsLib.TooEarly(disputeId, d.deadline));
        IOptimisticTrigger trigger = IOptimisticTrigger(MARKETS.market(d.marketId).trigger);
        require(trigger.proposalId() == d.proposalId, ErrorsLib.StaleDispute(disputeId, d.proposalId));
        AssessorRules memory rules = rulesOf[assessorsOf[d.marketId]];
        upheld = uint256(d.yes) + d.no >= rules.quorum && d.yes > d.no;
        d.resolved = true;
        trigger.resolve(upheld);
        emit EventsLib.TriggerDisputeResolved(disputeId, upheld);
    }

    /// @inheritdoc IAssessedClaims
    function collectTriggerBonds(uint256 marketId) external returns (uint256 amount) {
        IOptimisticTrigger trigger = IOptimisticTrigger(MARKETS.market(marketId).trigger);
        require(trigger.resolver() == address(this), ErrorsLib.InvalidAssessorParams("resolver"));
        address treasury = MARKETS.treasury();
        amount = trigger.withdrawBonds(treasury);
        emit EventsLib.TriggerBondsCollected(marketId, treasury, amount);
    }

    /// @inheritdoc IAssessedClaims
    function disputeOf(uint256 disputeId) external view returns (TriggerDispute memory) {
        return _existingDispute(disputeId);
    }

    /* GOVERNANCE */

    /// @inheritdoc IAssessedClaims
    function createAssessorGroup(address[] calldata members, AssessorRules calldata rules)
        external
        restricted
        returns (uint256 groupId)
    {
        require(members.length != 0 && members.length < type(uint16).max, ErrorsLib.InvalidAssessorParams("members"));
        require(rules.quorum != 0 && rules.quorum <= members.length, ErrorsLib.InvalidAssessorParams("quorum"));
        require(rules.votingPeriod >= 1 hours && rules.votingPeriod <= 30 days, ErrorsLib.InvalidAssessorParams("votingPeriod"));
        require(rules.lateVoteWindow <= rules.votingPeriod, ErrorsLib.InvalidAssessorParams("lateVoteWindow"));
        require(rules.cooldown <= 14 days, ErrorsLib.InvalidAssessorParams("cooldown"));
        groupId = ++groupCount;
        AssessorRules memory stored = rules;
        stored.members = SafeCast.toUint16(members.length);
        rulesOf[groupId] = stored;
        for (uint256 i; i < members.length; ++i) {
            require(!isAssessor[groupId][members[i]], ErrorsLib.InvalidAssessorParams("duplicate"));
            isAssessor[groupId][members[i]] = true;
        }
        emit EventsLib.AssessorGroupCreated(groupId, members, stored);
    }

    /// @inheritdoc IAssessedClaims
    function setMarketAssessors(uint256 marketId, uint256 groupId) external restricted {
        require(groupId != 0 && groupId <= groupCount, ErrorsLib.InvalidAssessorParams("groupId"));
        MARKETS.market(marketId);
        assessorsOf[marketId] = groupId;
        emit EventsLib.MarketAssessorsSet(marketId, groupId);
    }

    /// @inheritdoc IAssessedClaims
    function setClaimParams(uint32 challengeWindow_, uint16 depositBps_, uint16 bondBps_) external restricted {
        require(challengeWindow_ >= 1 hours && challengeWindow_ <= 14 days, ErrorsLib.InvalidAssessorParams("window"));
        require(depositBps_ <= 1_000 && bondBps_ <= 2_000, ErrorsLib.InvalidAssessorParams("bps"));
        challengeWindow = challengeWindow_;
        depositBps = depositBps_;
        bondBps = bondBps_;
        emit EventsLib.ClaimParamsSet(challengeWindow_, depositBps_, bondBps_);
    }

    /* VIEWS */

    /// @inheritdoc IAssessedClaims
    function claimOf(uint256 claimId) external view returns (Claim memory) {
        return _existing(claimId);
    }

    /// @inheritdoc IAssessedClaims
    function hasAssessors(uint256 marketId) external view returns (bool) {
        return assessorsOf[marketId] != 0;
    }

    /* INTERNAL */

    function _existing(uint256 claimId) internal view returns (Claim storage c) {
        c = _claims[claimId];
        require(c.status != ClaimStatus.NONE, ErrorsLib.UnknownClaim(claimId));
    }

    /// @dev The rules every vote follows: members only, once each, before the end. A late vote gives the others
    /// time to answer it: the end moves to now + the late-vote window. Returns the (possibly moved) end.
    function _castVote(mapping(address => bool) storage voted, uint256 id, uint256 groupId, uint256 deadline)
        internal
        returns (uint256)
    {
        require(isAssessor[groupId][msg.sender], ErrorsLib.NotAssessor(msg.sender));
        require(!voted[msg.sender], ErrorsLib.AlreadyVoted(id, msg.sender));
        require(block.timestamp <= deadline, ErrorsLib.VotingClosed(id, deadline));
        voted[msg.sender] = true;
        uint256 window = rulesOf[groupId].lateVoteWindow;
        return block.timestamp + window > deadline ? block.timestamp + window : deadline;
    }

    function _existingDispute(uint256 disputeId) internal view returns (TriggerDispute storage d) {
        d = _disputes[disputeId];
        require(d.marketId != 0, ErrorsLib.UnknownClaim(disputeId));
    }

    /// @dev Releases the pools' hold; the claimant's deposit pays the challenger if there was one, else the
    /// treasury (a denied unchallenged claim still cost the assessors' time); the challenger's bond comes back.
    function _closeRejected(Claim storage c) internal {
        uint256 policyId = c.policyId;
        _hold(policyId, COVER.policy(policyId), c.amount, false);
        IERC20 asset = IERC20(_asset(c.marketId));
        address to = c.challenger == address(0) ? MARKETS.treasury() : c.challenger;
        uint256 amount = uint256(c.deposit) + c.bond;
        if (amount != 0) asset.safeTransfer(to, amount);
    }

    /// @dev Splits `amount` over the policy's pools in proportion to their slices.
    function _hold(uint256 policyId, Policy memory pol, uint256 amount, bool held) internal {
        Slice[] memory slices = COVER.slices(policyId);
        uint256 remaining = amount;
        for (uint256 i; i < slices.length; ++i) {
            uint256 share = i + 1 == slices.length ? remaining : amount * slices[i].amount / pol.amount;
            remaining -= share;
            IPool(MARKETS.pool(slices[i].poolId)).holdForClaim(share, held);
        }
    }

    /// @dev Notifies a contract owner of its payout. The caller must leave enough gas for the callback's full
    /// allowance: a call forwards at most 63/64 of what is left, so a tight gas limit could otherwise pay without
    /// notifying. The callback's own failure is ignored (it cannot block the payout).
    function _notify(address owner, uint256 policyId, address asset, uint256 amount) internal {
        uint256 required = CALLBACK_GAS * 64 / 63 + CALLBACK_OVERHEAD;
        require(gasleft() >= required, ErrorsLib.InsufficientCallbackGas(gasleft(), required));
        try IPayoutReceiver(owner).onBackstopPayout{gas: CALLBACK_GAS}(policyId, asset, amount) {} catch {}
    }

    function _asset(uint256 marketId) internal view returns (address) {
        return MARKETS.market(marketId).asset;
    }
}
