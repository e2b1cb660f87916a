// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

/// @title IProtectionSeries
/// @notice Fungible protection on one PARAMETRIC market until one expiry: an ERC-20 minted 1:1 with cover bought
/// into the series (the series holds the policies), redeemable pro rata for the payouts once the market's incident
/// settles, worthless if no incident happens before expiry.
/// @dev Maturation: a mint's tokens are a lot, locked in the minter's balance until `maturesAt` = the policy's
/// start + MAX_INCIDENT_LOOKBACK (so at least purchase + market maturation delay + 7 days). A trigger dates an
/// incident at most MAX_INCIDENT_LOOKBACK before it is reported, and a reported candidate FROZEN the trigger, so
/// when a lot is resolved after `maturesAt` with the trigger not FROZEN, either the trigger has fired (and the lot
/// is eligible iff its policy started strictly before the incident, else it is burned) or every future incident
/// postdates the policy's start. Hence every unlocked token is backed by a policy that pays: nobody can buy
/// protection once an incident is under way and sell it on, and nobody dilutes the eligible holders.
interface IProtectionSeries {
    /// @notice Buys `amount` of cover ending exactly at expiry into the series, paying at most `maxPremium` (pulled
    /// from msg.sender; the unspent part is refunded), and mints `amount` tokens to msg.sender, locked until the
    /// lot matures.
    /// @dev Reverts ZeroAmount, and buyCover's errors: TriggerNotActive (FROZEN: an incident candidate is open),
    /// MarketNotActive, PeriodOutOfBounds (too close to expiry), PremiumTooHigh, InsufficientCapacity.
    /// @return policyId The policy bought; it is also the lot's id.
    function mint(uint256 amount, uint32[] calldata pools, uint256 maxPremium) external returns (uint256 policyId);

    /// @notice Resolves lot `policyId` once it has matured: its tokens unlock if its policy pays for the market's
    /// incident (or no incident has been reported), else they are burned. Anyone may call.
    /// @dev Reverts UnknownLot, LotNotMature, TriggerFrozen.
    function resolve(uint256 policyId) external returns (bool eligible);

    /// @notice After the market's incident settled, claims the series' policies from settlement (newest first, at
    /// most `maxPolicies` per call) and counts the eligible supply; redemptions open when every policy was seen.
    /// Anyone may call; run it before the claim window closes.
    /// @dev Reverts NotSettled.
    /// @return done Whether every policy has been collected.
    function collect(uint256 maxPolicies) external returns (bool done);

    /// @notice Burns `amount` unlocked tokens of msg.sender for amount x balance / eligible tokens outstanding of
    /// the cover asset, paid to msg.sender: exact pro rata, the last redeemer takes the rounding remainder.
    /// @dev Reverts ZeroAmount, NotCollected, NotEligible, TokensLocked.
    function redeem(uint256 amount) external returns (uint256 paid);

    /// @notice Tokens of `holder` in lots not yet resolved.
    function locked(address holder) external view returns (uint256);

    /// @notice Lot `policyId`: its holder (zero once resolved) and when it matures.
    function lot(uint256 policyId) external view returns (address holder, uint256 maturesAt);

    /// @notice Eligible tokens not yet redeemed (set by collect).
    function eligibleOutstanding() external view returns (uint256);

    /// @notice Whether every policy has been collected (redemptions are open).
    function collected() external view returns (bool);

    /// @notice The market covered.
    function marketId() external view returns (uint256);

    /// @notice The expiry (a UTC day boundary): every policy of the series ends then.
    function expiry() external view returns (uint256);
}
