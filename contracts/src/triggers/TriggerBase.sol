// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ITrigger, TriggerState} from "../interfaces/ITrigger.sol";
import {MAX_INCIDENT_LOOKBACK, WAD} from "../libraries/ConstantsLib.sol";

/// @title TriggerBase
/// @notice The state machine every trigger shares: ACTIVE <-> FROZEN -> TRIGGERED.
/// @dev INV-TRIGGER: `_fire` is the only way into TRIGGERED, it can run once, and nothing writes the
/// incident afterwards; every transition helper refuses to leave TRIGGERED.
abstract contract TriggerBase is ITrigger {
    /// @dev Written once, when the trigger fires: incident time (40 bits) | payout ratio (64 bits, 1e18 < 2^64) |
    /// a constant 1 set at deployment, so that the firing poke updates a non-zero slot (about 5,000 gas) rather
    /// than creating one (about 22,000 gas).
    struct Incident {
        uint40 time;
        uint64 payoutWad;
        uint8 slotInUse;
    }

    /// @dev When the trigger was deployed: no incident is ever dated before it.
    uint256 internal immutable DEPLOYED_AT;

    /// @dev Slot 0: the incident. Slot 1 starts with `_state` (8 bits) and leaves 248 bits to the derived
    /// contract's first variable, so a poke can read the state and its own bookkeeping in one SLOAD.
    Incident internal _incident;
    TriggerState internal _state;

    constructor() {
        _incident.slotInUse = 1;
        DEPLOYED_AT = block.timestamp;
    }

    /// @inheritdoc ITrigger
    function state() external view returns (TriggerState) {
        return _state;
    }

    /// @inheritdoc ITrigger
    function incident() external view returns (uint256 time, uint256 payoutWad) {
        if (_state != TriggerState.TRIGGERED) return (0, 0);
        Incident memory i = _incident;
        return (i.time, i.payoutWad);
    }

    /// @dev max(deployment time, now - MAX_INCIDENT_LOOKBACK): the earliest incident time the trigger reports now.
    function _earliestIncidentTime() internal view returns (uint256) {
        uint256 lookback = block.timestamp > MAX_INCIDENT_LOOKBACK ? block.timestamp - MAX_INCIDENT_LOOKBACK : 0;
        return lookback > DEPLOYED_AT ? lookback : DEPLOYED_AT;
    }

    /// @dev Reverts unless _earliestIncidentTime() <= time <= now: the bound on every incident time a caller gives.
    function _checkIncidentTime(uint256 time) internal view {
        uint256 earliest = _earliestIncidentTime();
        require(time >= earliest, IncidentTooOld(time, earliest));
        require(time <= block.timestamp, IncidentInFuture(time, block.timestamp));
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
        _incident = Incident(SafeCast.toUint40(time), SafeCast.toUint64(payoutWad), 1);
        emit TriggerStateChanged(TriggerState.TRIGGERED, time, payoutWad);
    }
}
