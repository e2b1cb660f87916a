// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

/// @title IERC7575
/// @notice ERC-7575: the vault names the ERC-20 of its shares (here the vault itself).
interface IERC7575 {
    /// @notice The address of the share token.
    function share() external view returns (address);
}

/// @title IERC7540Operator
/// @notice ERC-7540 operators: an operator may request and claim redemptions on a controller's behalf.
interface IERC7540Operator {
    /// @notice Emitted when `controller` approves or revokes `operator`.
    event OperatorSet(address indexed controller, address indexed operator, bool approved);

    /// @notice Approves or revokes `operator` for the caller. Returns true.
    function setOperator(address operator, bool approved) external returns (bool);

    /// @notice Whether `operator` may act for `controller`.
    function isOperator(address controller, address operator) external view returns (bool);
}

/// @title IERC7540Redeem
/// @notice ERC-7540 asynchronous redemption: request, wait for the request to become claimable, then claim
/// with ERC-4626 `redeem` or `withdraw`, passing the controller as the owner.
interface IERC7540Redeem {
    /// @notice Emitted when `sender` requests redemption of `shares` of `owner` for `controller`.
    event RedeemRequest(
        address indexed controller, address indexed owner, uint256 indexed requestId, address sender, uint256 shares
    );

    /// @notice Escrows `shares` of `owner` in the vault in a request controlled by `controller`.
    /// @return requestId The request id (0: requests are aggregated per controller).
    function requestRedeem(uint256 shares, address controller, address owner) external returns (uint256 requestId);

    /// @notice Shares of `controller`'s request that are not claimable yet.
    function pendingRedeemRequest(uint256 requestId, address controller) external view returns (uint256 shares);

    /// @notice Shares of `controller`'s request that can be claimed now.
    function claimableRedeemRequest(uint256 requestId, address controller) external view returns (uint256 shares);
}
