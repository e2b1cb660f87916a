// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {LibBit} from "solady/utils/LibBit.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ITrigger, TriggerState} from "../interfaces/ITrigger.sol";
import {ICommitteeTrigger} from "../interfaces/ICommitteeTrigger.sol";
import {TriggerBase} from "./TriggerBase.sol";
import {WAD} from "../libraries/ConstantsLib.sol";

/// @title CommitteeTrigger
/// @notice M-of-N attestation of an incident, then a challenge period in which governance can veto it.
contract CommitteeTrigger is ICommitteeTrigger, TriggerBase {
    /// @notice The most members a committee can have (one bit each in an attestation bitmap).
    uint256 public constant MAX_MEMBERS = 256;

    uint256 private immutable THRESHOLD;
    uint256 private immutable MEMBER_COUNT;
    address private immutable VETOER;
    uint256 private immutable CHALLENGE_PERIOD;

    /// @dev Member => its bit (1 << index); 0 for non-members.
    mapping(address account => uint256 bit) private _memberBit;
    /// @dev keccak256(epoch, time, payout) => bitmap of members who attested it.
    mapping(bytes32 key => uint256 bitmap) private _attested;
    /// @dev Bumped by each veto: attestations of earlier epochs no longer count.
    uint256 private _epoch;
    /// @dev One slot: the frozen incident (time, payout) and when it froze.
    struct Pending {
        uint40 time;
        uint64 payoutWad;
        uint40 frozenAt;
    }

    Pending private _pending;

    /// @param members_ The members (1 to 256, distinct, non-zero).
    /// @param threshold_ Matching attestations needed (1 to members).
    /// @param vetoer_ The address allowed to veto (governance).
    /// @param challengePeriod_ Seconds the vetoer has to veto.
    constructor(address[] memory members_, uint256 threshold_, address vetoer_, uint256 challengePeriod_) {
        uint256 n = members_.length;
        require(
            n > 0 && n <= MAX_MEMBERS && threshold_ > 0 && threshold_ <= n, InvalidThreshold(threshold_, n)
        );
        require(vetoer_ != address(0), ZeroVetoer());
        for (uint256 i; i < n; ++i) {
            address m = members_[i];
            require(m != address(0) && _memberBit[m] == 0, InvalidMember(m));
            _memberBit[m] = 1 << i;
        }
        THRESHOLD = threshold_;
        MEMBER_COUNT = n;
        VETOER = vetoer_;
        CHALLENGE_PERIOD = challengePeriod_;
    }

    /// @inheritdoc ICommitteeTrigger
    function attest(uint256 time, uint256 payoutWad) external returns (uint256 count) {
        uint256 bit = _memberBit[msg.sender];
        require(bit != 0, NotMember(msg.sender));
        require(_state == TriggerState.ACTIVE, NotActive(uint8(_state)));
        _checkIncidentTime(time);
        require(payoutWad > 0 && payoutWad <= WAD, InvalidPayout(payoutWad));

        bytes32 key = _key(time, payoutWad);
        uint256 bitmap = _attested[key];
        require(bitmap & bit == 0, AlreadyAttested(msg.sender, time, payoutWad));
        bitmap |= bit;
        _attested[key] = bitmap;
        count = LibBit.popCount(bitmap);
        emit Attested(msg.sender, time, payoutWad, count);

        if (count >= THRESHOLD) {
            _pending = Pending(
                SafeCast.toUint40(time), SafeCast.toUint64(payoutWad), SafeCast.toUint40(block.timestamp)
            );
            _freeze(time);
        }
    }

    /// @inheritdoc ICommitteeTrigger
    function veto() external {
        require(msg.sender == VETOER, NotVetoer(msg.sender));
        require(_state == TriggerState.FROZEN, NotFrozen(uint8(_state)));
        Pending memory p = _pending;
        uint256 deadline = uint256(p.frozenAt) + CHALLENGE_PERIOD;
        require(block.timestamp < deadline, ChallengePeriodOver(deadline));
        delete _pending;
        ++_epoch;
        emit Vetoed(p.time, p.payoutWad);
        _unfreeze();
    }

    /// @inheritdoc ITrigger
    function poke() external returns (TriggerState) {
        TriggerState s = _state;
        if (s != TriggerState.FROZEN) return s;
        Pending memory p = _pending;
        if (block.timestamp < uint256(p.frozenAt) + CHALLENGE_PERIOD) return s;
        _fire(p.time, p.payoutWad);
        return TriggerState.TRIGGERED;
    }

    /// @inheritdoc ICommitteeTrigger
    function earliestIncidentTime() external view returns (uint256) {
        return _earliestIncidentTime();
    }

    /// @inheritdoc ICommitteeTrigger
    function isMember(address account) external view returns (bool) {
        return _memberBit[account] != 0;
    }

    /// @inheritdoc ICommitteeTrigger
    function memberCount() external view returns (uint256) {
        return MEMBER_COUNT;
    }

    /// @inheritdoc ICommitteeTrigger
    function threshold() external view returns (uint256) {
        return THRESHOLD;
    }

    /// @inheritdoc ICommitteeTrigger
    function vetoer() external view returns (address) {
        return VETOER;
    }

    /// @inheritdoc ICommitteeTrigger
    function challengePeriod() external view returns (uint256) {
        return CHALLENGE_PERIOD;
    }

    /// @inheritdoc ICommitteeTrigger
    function attestations(uint256 time, uint256 payoutWad) external view returns (uint256) {
        return LibBit.popCount(_attested[_key(time, payoutWad)]);
    }

    /// @inheritdoc ICommitteeTrigger
    function pending() external view returns (uint256 time, uint256 payoutWad, uint256 frozenAt) {
        if (_state != TriggerState.FROZEN) return (0, 0, 0);
        Pending memory p = _pending;
        return (p.time, p.payoutWad, p.frozenAt);
    }

    function _key(uint256 time, uint256 payoutWad) private view returns (bytes32) {
        return keccak256(abi.encode(_epoch, time, payoutWad));
    }
}
