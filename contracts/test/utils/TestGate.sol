// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {IDepositGate} from "../../src/interfaces/IDepositGate.sol";

/// @notice An allow-list deposit gate over receivers.
contract TestGate is IDepositGate {
    mapping(address => bool) public allowed;

    function allow(address who, bool ok) external {
        allowed[who] = ok;
    }

    function isAllowed(address, address, address receiver) external view returns (bool) {
        return allowed[receiver];
    }
}
