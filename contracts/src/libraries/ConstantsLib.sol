// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

/// @dev The protocol's shared units and bounds, in one place (file-level constants, imported by name).

/// @dev 100% in basis points.
uint256 constant BPS = 10_000;
/// @dev 100% as an 18-decimal fixed-point ratio.
uint256 constant WAD = 1e18;
/// @dev One year of cover: annual rates are scaled by period / YEAR.
uint256 constant YEAR = 365 days;
/// @dev The earliest a trigger may date an incident, counted back from when it is reported. Bounds the work
/// settlement does (it never walks more than this many days back) and keeps ancient incidents out.
uint256 constant MAX_INCIDENT_LOOKBACK = 7 days;
/// @dev Gas forwarded to a policy holder's payout callback; callers must leave at least this much for it.
uint256 constant CALLBACK_GAS = 50_000;
