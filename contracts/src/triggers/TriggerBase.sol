// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ITrigger, TriggerState} from "../interfaces/ITrigger.sol";

/// @title TriggerBase
/// @notice The state machine every trigger shares: ACTIVE <-> FROZEN -> TRIGGERED.
/// @dev INV-TRIGGER: `_fire` is the only way into TRIGGERED, it can run once, and nothing writes the
/// incident afterwards; every transition helper refuses to leave TRIGGERED.
abstract contract TriggerBase is ITrigger {
    /// @dev 100% as a payout ratio.
    uint256 internal constant WAD = 1e18;

    /// @dev One slot: state (8 bits) | incident time (40 bits) | payout ratio (64 bits, 1e18 < 2^64).
    TriggerState internal _state;
    uint40 internal _incidentTime;
    uint64 internal _payoutWad;

    /// @inheritdoc ITrigger
    function state() external view returns (TriggerState) {
        return _state;
    }

    /// @inheritdoc ITrigger
    function incident() external view returns (uint256 time, uint256 payoutWad) {
        if (_state != TriggerState.TRIGGERED) return (0, 0);
        return (_incidentTime, _payoutWad);
    }

    /// @dev ACTIVE -> FROZEN; `candidateTime` is reported in the event only.
    function _freeze(uint256 candidateTime) internal {
        assert(_state == TriggerState.ACTIVE);
        _state = TriggerState.FROZEN;
        emit TriggerStateChanged(TriggerState.FROZEN, candidateTime, 0);
    }

    /// @dev FROZEN -> ACTIVE: the candidate is cancelled.
    function _unfreeze() internal {
        assert(_state == TriggerState.FROZEN);
        _state = TriggerState.ACTIVE;
        emit TriggerStateChanged(TriggerState.ACTIVE, 0, 0);
    }

    /// @dev FROZEN or ACTIVE -> TRIGGERED, fixing the incident for good. `payoutWad` is clamped to 1e18.
    function _fire(uint256 time, uint256 payoutWad) internal {
        assert(_state != TriggerState.TRIGGERED);
        if (payoutWad > WAD) payoutWad = WAD;
        _state = TriggerState.TRIGGERED;
        _incidentTime = SafeCast.toUint40(time);
        _payoutWad = uint64(payoutWad);
        emit TriggerStateChanged(TriggerState.TRIGGERED, time, payoutWad);
    }
}
