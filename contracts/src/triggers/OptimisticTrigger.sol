// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ITrigger, TriggerState} from "../interfaces/ITrigger.sol";
import {IOptimisticTrigger} from "../interfaces/IOptimisticTrigger.sol";
import {TriggerBase} from "./TriggerBase.sol";

/// @title OptimisticTrigger
/// @notice A bonded incident proposal that fires unless disputed; disputes go to a resolver. See
/// IOptimisticTrigger.
contract OptimisticTrigger is IOptimisticTrigger, TriggerBase {
    using SafeERC20 for IERC20;

    IERC20 private immutable BOND_TOKEN;
    uint256 private immutable BOND;
    uint256 private immutable LIVENESS;
    address private immutable RESOLVER;

    uint256 private _proposalId;
    Proposal private _proposal;
    mapping(address account => uint256 amount) private _owed;

    /// @param bondToken_ The bond token (no transfer fees).
    /// @param bond_ The bond per proposal and per dispute (may be zero on test deployments).
    /// @param liveness_ Seconds a proposal can be disputed.
    /// @param resolver_ Who settles disputes (an assessor-voting contract).
    constructor(IERC20 bondToken_, uint256 bond_, uint256 liveness_, address resolver_) {
        require(address(bondToken_) != address(0) && resolver_ != address(0), ZeroAddress());
        require(liveness_ > 0, ZeroLiveness());
        BOND_TOKEN = bondToken_;
        BOND = bond_;
        LIVENESS = liveness_;
        RESOLVER = resolver_;
    }

    /// @inheritdoc IOptimisticTrigger
    function propose(uint256 time, uint256 payoutWad, string calldata evidenceURI) external returns (uint256 id) {
        require(_state == TriggerState.ACTIVE, NotActive(uint8(_state)));
        require(time <= block.timestamp, IncidentInFuture(time, block.timestamp));
        require(payoutWad > 0 && payoutWad <= WAD, InvalidPayout(payoutWad));
        id = ++_proposalId;
        _proposal = Proposal(msg.sender, uint40(time), uint64(payoutWad), uint40(block.timestamp), address(0));
        emit Proposed(id, msg.sender, time, payoutWad, evidenceURI);
        _freeze(time);
        BOND_TOKEN.safeTransferFrom(msg.sender, address(this), BOND);
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
        BOND_TOKEN.safeTransferFrom(msg.sender, address(this), BOND);
    }

    /// @inheritdoc IOptimisticTrigger
    function resolve(bool upheld) external {
        require(msg.sender == RESOLVER, NotResolver(msg.sender));
        require(_state == TriggerState.FROZEN, NoOpenProposal());
        uint256 id = _proposalId;
        Proposal memory p = _proposal;
        require(p.disputer != address(0), NotDisputed(id));
        address winner = upheld ? p.proposer : p.disputer;
        _owed[winner] += 2 * BOND;
        delete _proposal;
        emit Settled(id, upheld, winner, 2 * BOND);
        if (upheld) _fire(p.time, p.payoutWad);
        else _unfreeze();
    }

    /// @inheritdoc ITrigger
    function poke() external returns (TriggerState) {
        TriggerState s = _state;
        if (s != TriggerState.FROZEN) return s;
        Proposal memory p = _proposal;
        if (p.disputer != address(0) || block.timestamp < uint256(p.proposedAt) + LIVENESS) return s;
        _owed[p.proposer] += BOND;
        delete _proposal;
        emit Settled(_proposalId, true, p.proposer, BOND);
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
}
