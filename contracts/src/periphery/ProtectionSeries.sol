// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IProtectionSeries} from "./interfaces/IProtectionSeries.sol";
import {ICoverManager, Policy} from "../interfaces/ICoverManager.sol";
import {IMarkets} from "../interfaces/IMarkets.sol";
import {ISettlement, Incident} from "../interfaces/ISettlement.sol";
import {ITrigger, TriggerState} from "../interfaces/ITrigger.sol";
import {BuyCoverParams, Market} from "../types/Types.sol";
import {MAX_INCIDENT_LOOKBACK} from "../libraries/ConstantsLib.sol";
import {PeripheryErrors} from "./libraries/PeripheryErrors.sol";
import {PeripheryEvents} from "./libraries/PeripheryEvents.sol";

/// @title ProtectionSeries
/// @notice ERC-20 protection on one parametric market until one expiry (see IProtectionSeries for the maturation
/// argument). Created by ProtectionFactory.
/// @dev INV-PROTECTION-BACKED: unlocked supply <= eligible supply (every transferable token is backed by a paying
/// policy). INV-PROTECTION-PRORATA: redemptions pay exactly balance x amount / eligible outstanding.
contract ProtectionSeries is IProtectionSeries, ERC20, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    ICoverManager public immutable COVER;
    IMarkets public immutable MARKETS;
    ISettlement public immutable SETTLEMENT;
    ITrigger public immutable TRIGGER;
    IERC20 public immutable ASSET;
    uint256 public immutable marketId;
    uint256 public immutable expiry;
    uint8 internal immutable DECIMALS;

    /// @dev A mint: packed in one slot (160 + 40 + 56 bits). `prev` links the series' policies newest first.
    struct Lot {
        address holder; // zero once resolved
        uint40 maturesAt;
        uint56 prev;
    }

    /* STORAGE */

    mapping(uint256 policyId => Lot) internal _lots;
    /// @inheritdoc IProtectionSeries
    mapping(address holder => uint256) public locked;
    /// @dev The newest policy (head of the lot list) and, during collection, the next one to collect.
    uint256 internal _head;
    uint256 internal _cursor;
    bool internal _collecting;
    /// @inheritdoc IProtectionSeries
    bool public collected;
    /// @inheritdoc IProtectionSeries
    uint256 public eligibleOutstanding;

    constructor(ICoverManager cover_, uint256 marketId_, uint256 expiry_, string memory name_, string memory symbol_)
        ERC20(name_, symbol_)
    {
        IMarkets markets = IMarkets(cover_.markets());
        Market memory m = markets.market(marketId_);
        require(m.trigger != address(0), PeripheryErrors.NotParametric(marketId_));
        require(expiry_ % 1 days == 0 && expiry_ > block.timestamp, PeripheryErrors.InvalidExpiry(expiry_));
        COVER = cover_;
        MARKETS = markets;
        SETTLEMENT = ISettlement(markets.settlement());
        TRIGGER = ITrigger(m.trigger);
        ASSET = IERC20(m.asset);
        marketId = marketId_;
        expiry = expiry_;
        DECIMALS = IERC20Metadata(m.asset).decimals();
    }

    /// @inheritdoc IProtectionSeries
    function mint(uint256 amount, uint32[] calldata pools, uint256 maxPremium)
        external
        nonReentrant
        returns (uint256 policyId)
    {
        require(amount != 0, PeripheryErrors.ZeroAmount());
        // Cover ends at expiry exactly: start = now + maturation delay, so period = expiry - start. The cover
        // manager re-reads the delay; a period out of the market's bounds (or past expiry) reverts there.
        uint256 start = block.timestamp + MARKETS.market(marketId).maturationDelay;
        uint256 period = expiry > start ? expiry - start : 0;

        uint256 held = ASSET.balanceOf(address(this));
        ASSET.safeTransferFrom(msg.sender, address(this), maxPremium);
        ASSET.forceApprove(address(COVER), maxPremium);
        uint256 premium;
        (policyId, premium) = COVER.buyCover(
            BuyCoverParams({
                marketId: marketId,
                amount: amount,
                period: period,
                pools: pools,
                maxPremium: maxPremium,
                owner: address(this),
                integrator: address(0),
                commissionBps: 0
            })
        );
        ASSET.forceApprove(address(COVER), 0);
        uint256 refund = ASSET.balanceOf(address(this)) - held;
        if (refund != 0) ASSET.safeTransfer(msg.sender, refund);

        uint256 maturesAt = start + MAX_INCIDENT_LOOKBACK;
        _lots[policyId] = Lot({holder: msg.sender, maturesAt: uint40(maturesAt), prev: uint56(_head)});
        _head = policyId;
        locked[msg.sender] += amount;
        _mint(msg.sender, amount);
        emit PeripheryEvents.ProtectionMinted(msg.sender, policyId, amount, premium, maturesAt);
    }

    /// @inheritdoc IProtectionSeries
    function resolve(uint256 policyId) external nonReentrant returns (bool eligible) {
        Lot memory l = _lots[policyId];
        require(l.holder != address(0), PeripheryErrors.UnknownLot(policyId));
        require(block.timestamp > l.maturesAt, PeripheryErrors.LotNotMature(policyId, l.maturesAt));
        TriggerState state = TRIGGER.poke();
        require(state != TriggerState.FROZEN, PeripheryErrors.TriggerFrozen(marketId));
        Policy memory pol = COVER.policy(policyId);
        eligible = true;
        if (state == TriggerState.TRIGGERED) {
            (uint256 time,) = TRIGGER.incident();
            eligible = pol.start < time && time < pol.end;
        }
        _lots[policyId].holder = address(0);
        locked[l.holder] -= pol.amount;
        if (!eligible) _burn(l.holder, pol.amount);
        emit PeripheryEvents.LotResolved(policyId, l.holder, pol.amount, eligible);
    }

    /// @inheritdoc IProtectionSeries
    function collect(uint256 maxPolicies) external nonReentrant returns (bool done) {
        if (collected) return true;
        Incident memory inc = SETTLEMENT.incident(marketId);
        require(inc.settledAt != 0, PeripheryErrors.NotSettled(marketId));
        uint256 id = _collecting ? _cursor : _head;
        _collecting = true;
        uint256 eligible = eligibleOutstanding;
        for (uint256 n; id != 0 && n < maxPolicies; ++n) {
            Policy memory pol = COVER.policy(id);
            if (pol.start < inc.time && inc.time < pol.end) {
                eligible += pol.amount;
                if (SETTLEMENT.payoutOf(id) != 0) SETTLEMENT.claim(id);
            }
            id = _lots[id].prev;
        }
        eligibleOutstanding = eligible;
        _cursor = id;
        if (id == 0) {
            collected = true;
            emit PeripheryEvents.Collected(eligible, ASSET.balanceOf(address(this)));
        }
        return id == 0;
    }

    /// @inheritdoc IProtectionSeries
    function redeem(uint256 amount) external nonReentrant returns (uint256 paid) {
        require(amount != 0, PeripheryErrors.ZeroAmount());
        require(collected, PeripheryErrors.NotCollected());
        uint256 outstanding = eligibleOutstanding;
        require(amount <= outstanding, PeripheryErrors.NotEligible(amount, outstanding));
        paid = Math.mulDiv(amount, ASSET.balanceOf(address(this)), outstanding);
        eligibleOutstanding = outstanding - amount;
        _burn(msg.sender, amount);
        if (paid != 0) ASSET.safeTransfer(msg.sender, paid);
        emit PeripheryEvents.Redeemed(msg.sender, amount, paid);
    }

    /* VIEWS */

    /// @inheritdoc IProtectionSeries
    function lot(uint256 policyId) external view returns (address holder, uint256 maturesAt) {
        Lot memory l = _lots[policyId];
        return (l.holder, l.maturesAt);
    }

    function decimals() public view override returns (uint8) {
        return DECIMALS;
    }

    /* INTERNAL */

    /// @dev Transfers and burns move unlocked tokens only; resolving a lot unlocks it before burning it.
    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0)) {
            uint256 unlocked = balanceOf(from) - locked[from];
            require(value <= unlocked, PeripheryErrors.TokensLocked(from, unlocked, value));
        }
        super._update(from, to, value);
    }
}
