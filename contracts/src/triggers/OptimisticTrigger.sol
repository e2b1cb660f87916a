// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ITrigger, TriggerState} from "../interfaces/ITrigger.sol";
import {IOptimisticTrigger} from "../interfaces/IOptimisticTrigger.sol";
import {TriggerBase} from "./TriggerBase.sol";
import {BPS, WAD} from "../libraries/ConstantsLib.sol";

/// @title OptimisticTrigger
/// @notice A bonded incident proposal that fires unless disputed; disputes go to a resolver. See
/// IOptimisticTrigger.
contract OptimisticTrigger is IOptimisticTrigger, TriggerBase {
    using SafeERC20 for IERC20;

    /// @inheritdoc IOptimisticTrigger
    uint256 public constant SLASH_BPS = 5_000;
    /// @inheritdoc IOptimisticTrigger
    uint256 public constant REJECTION_COOLDOWN = 1 hours;
    /// @inheritdoc IOptimisticTrigger
    uint256 public constant STRIKE_MEMORY = 30 days;
    /// @inheritdoc IOptimisticTrigger
    uint256 public constant MAX_STRIKES = 8;

    IERC20 private immutable BOND_TOKEN;
    uint256 private immutable BOND;
    uint256 private immutable LIVENESS;
    address private immutable RESOLVER;

    /// @dev Rejections that still raise the bond: how many in a row, and when the last one happened.
    struct Strikes {
        uint8 count;
        uint40 lastRejectedAt;
    }

    uint256 private _proposalId;
    Proposal private _proposal;
    Strikes private _strikes;
    mapping(address account => uint256 amount) private _owed;

    /// @param bondToken_ The bond token (no transfer fees).
    /// @param bond_ The base bond per proposal and per dispute (may be zero on test deployments).
    /// @param liveness_ Seconds a proposal can be disputed.
    /// @param resolver_ Who settles disputes (an assessor-voting contract); credited the slashed part of bonds.
    constructor(IERC20 bondToken_, uint256 bond_, uint256 liveness_, address resolver_) {
        require(address(bondToken_) != address(0) && resolver_ != address(0), ZeroAddress());
        require(liveness_ > 0, ZeroLiveness());
        // The largest escalated bond must fit the proposal's 96-bit bond field.
        SafeCast.toUint96(bond_ << MAX_STRIKES);
        BOND_TOKEN = bondToken_;
        BOND = bond_;
        LIVENESS = liveness_;
        RESOLVER = resolver_;
    }

    /// @inheritdoc IOptimisticTrigger
    function propose(uint256 time, uint256 payoutWad, string calldata evidenceURI) external returns (uint256 id) {
        require(_state == TriggerState.ACTIVE, NotActive(uint8(_state)));
        Strikes memory s = _strikes;
        uint256 reopensAt = uint256(s.lastRejectedAt) + REJECTION_COOLDOWN;
        require(s.lastRejectedAt == 0 || block.timestamp >= reopensAt, RejectionCooldown(reopensAt));
        _checkIncidentTime(time);
        require(payoutWad > 0 && payoutWad <= WAD, InvalidPayout(payoutWad));
        uint256 amount = currentBond();
        id = ++_proposalId;
        _proposal = Proposal({
            proposer: msg.sender,
            time: SafeCast.toUint40(time),
            payoutWad: SafeCast.toUint64(payoutWad),
            proposedAt: SafeCast.toUint40(block.timestamp),
            disputer: address(0),
            bond: SafeCast.toUint96(amount)
        });
        emit Proposed(id, msg.sender, time, payoutWad, evidenceURI);
        _freeze(time);
        BOND_TOKEN.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IOptimisticTrigger
    function dispute() external {
        require(_state == TriggerState.FROZEN, NoOpenProposal());
        Proposal storage p = _proposal;
        uint256 id = _proposalId;
        require(p.disputer == address(0), AlreadyDisputed(id, p.disputer));
        uint256 deadline = uint256(p.proposedAt) + LIVENESS;
        require(block.timestamp < deadline, LivenessExpired(id, deadline));
        p.disputer = msg.sender;
        emit Disputed(id, msg.sender);
        BOND_TOKEN.safeTransferFrom(msg.sender, address(this), p.bond);
    }

    /// @inheritdoc IOptimisticTrigger
    function resolve(bool upheld) external {
        require(msg.sender == RESOLVER, NotResolver(msg.sender));
        require(_state == TriggerState.FROZEN, NoOpenProposal());
        uint256 id = _proposalId;
        Proposal memory p = _proposal;
        require(p.disputer != address(0), NotDisputed(id));
        (address winner, address loser) = upheld ? (p.proposer, p.disputer) : (p.disputer, p.proposer);
        // Rounds up: the slashed part never rounds to zero for a non-zero bond.
        uint256 slashed = (uint256(p.bond) * SLASH_BPS + BPS - 1) / BPS;
        uint256 won = 2 * uint256(p.bond) - slashed;
        _owed[winner] += won;
        _owed[RESOLVER] += slashed;
        delete _proposal;
        emit Settled(id, upheld, winner, won);
        emit BondSlashed(id, loser, slashed);
        if (upheld) {
            _fire(p.time, p.payoutWad);
        } else {
            uint256 strikes = _activeStrikes(_strikes);
            _strikes = Strikes(
                SafeCast.toUint8(strikes < MAX_STRIKES ? strikes + 1 : MAX_STRIKES), SafeCast.toUint40(block.timestamp)
            );
            _unfreeze();
        }
    }

    /// @inheritdoc ITrigger
    function poke() external returns (TriggerState) {
        TriggerState s = _state;
        if (s != TriggerState.FROZEN) return s;
        Proposal memory p = _proposal;
        if (p.disputer != address(0) || block.timestamp < uint256(p.proposedAt) + LIVENESS) return s;
        _owed[p.proposer] += p.bond;
        delete _proposal;
        emit Settled(_proposalId, true, p.proposer, p.bond);
        _fire(p.time, p.payoutWad);
        return TriggerState.TRIGGERED;
    }

    /// @inheritdoc IOptimisticTrigger
    function withdrawBonds(address to) external returns (uint256 amount) {
        amount = _owed[msg.sender];
        require(amount > 0, NothingOwed(msg.sender));
        _owed[msg.sender] = 0;
        emit BondsWithdrawn(msg.sender, to, amount);
        BOND_TOKEN.safeTransfer(to, amount);
    }

    /// @inheritdoc IOptimisticTrigger
    function currentBond() public view returns (uint256) {
        return BOND << _activeStrikes(_strikes);
    }

    /// @inheritdoc IOptimisticTrigger
    function proposalsReopenAt() external view returns (uint256) {
        uint256 last = _strikes.lastRejectedAt;
        return last == 0 ? 0 : last + REJECTION_COOLDOWN;
    }

    /// @inheritdoc IOptimisticTrigger
    function earliestIncidentTime() external view returns (uint256) {
        return _earliestIncidentTime();
    }

    /// @inheritdoc IOptimisticTrigger
    function bondToken() external view returns (IERC20) {
        return BOND_TOKEN;
    }

    /// @inheritdoc IOptimisticTrigger
    function bond() external view returns (uint256) {
        return BOND;
    }

    /// @inheritdoc IOptimisticTrigger
    function liveness() external view returns (uint256) {
        return LIVENESS;
    }

    /// @inheritdoc IOptimisticTrigger
    function resolver() external view returns (address) {
        return RESOLVER;
    }

    /// @inheritdoc IOptimisticTrigger
    function proposalId() external view returns (uint256) {
        return _proposalId;
    }

    /// @inheritdoc IOptimisticTrigger
    function proposal() external view returns (Proposal memory) {
        require(_state == TriggerState.FROZEN, NoOpenProposal());
        return _proposal;
    }

    /// @inheritdoc IOptimisticTrigger
    function bondsOwed(address account) external view returns (uint256) {
        return _owed[account];
    }

    /// @dev Rejections count until STRIKE_MEMORY passes without another one.
    function _activeStrikes(Strikes memory s) private view returns (uint256) {
        return block.timestamp < uint256(s.lastRejectedAt) + STRIKE_MEMORY ? s.count : 0;
    }
}
