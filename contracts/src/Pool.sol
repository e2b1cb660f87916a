// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

import {IPool, MarketConfig, Exposure} from "./interfaces/IPool.sol";
import {IERC7540Operator, IERC7540Redeem, IERC7575} from "./interfaces/IERC7540.sol";
import {IMarkets} from "./interfaces/IMarkets.sol";
import {ISettlement} from "./interfaces/ISettlement.sol";
import {IDepositGate} from "./interfaces/IDepositGate.sol";
import {ITrigger, TriggerState} from "./interfaces/ITrigger.sol";
import {ClaimMode, MarketStatus, RateCurve, UnderwriteParams} from "./types/Types.sol";
import {ErrorsLib} from "./libraries/ErrorsLib.sol";
import {EventsLib} from "./libraries/EventsLib.sol";
import {RateCurveLib} from "./libraries/RateCurveLib.sol";
import {BucketLib} from "./libraries/BucketLib.sol";
import {ExposureLib} from "./libraries/ExposureLib.sol";
import {PremiumStreamLib} from "./libraries/PremiumStreamLib.sol";
import {RedeemQueueLib} from "./libraries/RedeemQueueLib.sol";
import {BPS, MAX_INCIDENT_LOOKBACK} from "./libraries/ConstantsLib.sol";

/// @title Pool
/// @notice An ERC-4626 vault whose capital backs the markets its curator chooses; exits are ERC-7540 requests.
/// @dev Invariants enforced here (IDs in docs/invariants.md):
/// INV-SOLVENCY: for every group g, groupExposure(g) <= underwriting capital x cap(g) <= capital at every sale.
/// INV-CONSERVATION: asset balance = capital + unearned premium + fees owed.
/// INV-UNEARNED: unearned premium is excluded from capital and earned linearly until the cover's end day.
/// INV-LOCK: redemptions never take capital below lockedCapital().
/// INV-SHARES: share price moves down only through paid losses; every conversion rounds in the pool's favour.
contract Pool is ERC4626, IPool {
    using FixedPointMathLib for uint256;
    using ExposureLib for ExposureLib.Ledger;
    using PremiumStreamLib for PremiumStreamLib.Stream;
    using RedeemQueueLib for RedeemQueueLib.Request;

    uint256 internal constant MAX_MARKETS = 16;
    uint256 internal constant MAX_CURATOR_FEE_BPS = 3_000;
    uint256 internal constant MAX_LEVERAGE_BPS = 100_000;
    /// @dev Long enough for a loss to be claimed (a de-peg window, a challenge window) while the LP still bears it.
    uint256 internal constant MIN_COOLDOWN = 7 days;
    uint256 internal constant MAX_COOLDOWN = 90 days;
    uint256 internal constant MIN_TIMELOCK = 1 days;
    uint256 internal constant MAX_TIMELOCK = 30 days;
    uint32 internal constant DEFAULT_TIMELOCK = 3 days;
    /// @dev The lowest base rate a curator's curve may carry: cover is never given away.
    uint256 internal constant MIN_RATE_BPS = 10;

    IMarkets internal immutable MARKETS;
    address internal immutable COVER_MANAGER;
    address internal immutable SETTLEMENT;
    address internal immutable ASSESSED_CLAIMS;

    /* STORAGE */

    /// @inheritdoc IPool
    address public curator;

    // One slot: pool parameters read by every sale.
    address internal _gate;
    uint16 internal _curatorFeeBps;
    uint32 internal _leverageBps;
    uint32 internal _cooldown;

    // One slot: total exposure, the union of the backed markets' groups, the curator timelock, and the backed
    // markets (by index in `_backedMarkets`) whose settlement holds a reserve this pool funded: their
    // outstanding share counts in totalAssets.
    uint128 internal _totalBooked;
    uint64 internal _groupMask;
    uint32 internal _timelock;
    uint16 internal _openReserveMask;

    // One slot: capital held for pending assessed claims (locked, excluded from exits and sales).
    uint256 internal _claimHold;

    // One slot: fees owed, excluded from capital.
    uint128 internal _curatorFees;
    uint128 internal _protocolFees;

    PremiumStreamLib.Stream internal _premium;

    uint256[] internal _backedMarkets;
    mapping(uint256 marketId => MarketConfig) internal _config;
    mapping(uint256 marketId => address) internal _triggerOf;
    mapping(uint256 marketId => ExposureLib.Ledger) internal _ledger;
    mapping(uint8 groupId => uint128) internal _groupBooked;
    mapping(uint8 groupId => uint16) internal _groupCapBps;

    mapping(address controller => RedeemQueueLib.Request) internal _requests;
    /// @inheritdoc IERC7540Operator
    mapping(address controller => mapping(address operator => bool)) public isOperator;
    mapping(bytes32 changeId => uint256 executableAt) internal _pendingChanges;

    modifier onlyCurator() {
        require(msg.sender == curator, ErrorsLib.Unauthorized(msg.sender));
        _;
    }

    modifier only(address module) {
        require(msg.sender == module, ErrorsLib.Unauthorized(msg.sender));
        _;
    }

    constructor(
        IERC20 asset_,
        string memory name_,
        string memory symbol_,
        IMarkets markets_,
        address curator_,
        uint16 curatorFeeBps,
        uint32 leverageBps,
        uint32 cooldown
    ) ERC20(name_, symbol_) ERC4626(asset_) {
        require(curator_ != address(0), ErrorsLib.ZeroAddress());
        MARKETS = markets_;
        COVER_MANAGER = markets_.coverManager();
        SETTLEMENT = markets_.settlement();
        ASSESSED_CLAIMS = markets_.assessedClaims();
        curator = curator_;
        _premium.lastAccrual = uint40(block.timestamp);
        _timelock = DEFAULT_TIMELOCK;
        _setPoolParams(curatorFeeBps, leverageBps, cooldown, address(0));
    }

    /* CURATOR */

    /// @inheritdoc IPool
    function setMarketConfig(uint256 marketId, uint16 weightBps, RateCurve calldata curve, bool followOracle)
        external
        onlyCurator
    {
        require(weightBps <= BPS, ErrorsLib.WeightTooHigh(weightBps));
        require(curve.kinkBps > 0 && curve.kinkBps < BPS, ErrorsLib.InvalidKink(curve.kinkBps));
        require(followOracle || curve.baseRateBps >= MIN_RATE_BPS, ErrorsLib.RateBelowFloor(curve.baseRateBps, MIN_RATE_BPS));
        MarketConfig memory c = _config[marketId];
        bool riskier = c.groups == 0 || (weightBps != 0 && !c.listed) || weightBps > c.weightBps
            || followOracle != c.followOracle || curve.kinkBps != c.curve.kinkBps
            || curve.baseRateBps < c.curve.baseRateBps || curve.slope1Bps < c.curve.slope1Bps
            || curve.slope2Bps < c.curve.slope2Bps;
        // Checked before queuing too, so a queued change is one that can apply.
        if (c.groups == 0) _backingTerms(marketId);
        if (!_timelocked(riskier)) return;

        if (c.groups == 0) {
            // First time: the market must be live and in this pool's asset.
            (ClaimMode mode, uint64 groups, address trigger, uint32 window) = _backingTerms(marketId);
            c.index = uint8(_backedMarkets.length);
            _backedMarkets.push(marketId);
            c.groups = groups;
            c.releaseDelayDays =
                uint16(BucketLib.endOf(mode == ClaimMode.PARAMETRIC ? MAX_INCIDENT_LOOKBACK : window));
            _groupMask |= groups;
            _triggerOf[marketId] = trigger;
            _ledger[marketId].lastBucket = uint32(BucketLib.at(block.timestamp));
        }
        if (weightBps != 0 && !c.listed) {
            MARKETS.addMarketPool(marketId);
            c.listed = true;
        }
        c.weightBps = weightBps;
        c.followOracle = followOracle;
        c.curve = curve;
        _config[marketId] = c;
        emit EventsLib.MarketConfigured(marketId, weightBps, curve, followOracle);
    }

    /// @inheritdoc IPool
    function setGroupCap(uint8 groupId, uint16 capBps) external onlyCurator {
        require(groupId < MARKETS.groupCount(), ErrorsLib.UnknownGroup(groupId));
        require(capBps <= BPS, ErrorsLib.GroupCapTooHigh(groupId, capBps));
        uint256 booked = _groupBooked[groupId];
        uint256 limit = _exitCapital(capital()) * capBps / BPS;
        require(booked <= limit, ErrorsLib.GroupCapBelowExposure(groupId, booked, limit));
        if (!_timelocked(capBps > _groupCapBps[groupId])) return;
        _groupCapBps[groupId] = capBps;
        emit EventsLib.GroupCapSet(groupId, capBps);
    }

    /// @inheritdoc IPool
    function setPoolParams(uint16 curatorFeeBps, uint32 leverageBps, uint32 cooldown, address gate)
        external
        onlyCurator
    {
        _checkPoolParams(curatorFeeBps, leverageBps, cooldown);
        uint256 limit = _exitCapital(capital()) * leverageBps / BPS;
        require(_totalBooked <= limit, ErrorsLib.LeverageBelowExposure(_totalBooked, limit));
        bool riskier = curatorFeeBps > _curatorFeeBps || leverageBps > _leverageBps || cooldown > _cooldown;
        if (!_timelocked(riskier)) return;
        _setPoolParams(curatorFeeBps, leverageBps, cooldown, gate);
    }

    /// @inheritdoc IPool
    function setTimelock(uint32 timelock) external onlyCurator {
        require(timelock >= MIN_TIMELOCK && timelock <= MAX_TIMELOCK, ErrorsLib.InvalidTimelock(timelock));
        if (!_timelocked(timelock < _timelock)) return;
        _timelock = timelock;
        emit EventsLib.TimelockSet(timelock);
    }

    /// @inheritdoc IPool
    function revokeChange(bytes32 changeId) external onlyCurator {
        delete _pendingChanges[changeId];
        emit EventsLib.ChangeRevoked(changeId);
    }

    /// @inheritdoc IPool
    function setCurator(address newCurator) external onlyCurator {
        require(newCurator != address(0), ErrorsLib.ZeroAddress());
        curator = newCurator;
        emit EventsLib.CuratorSet(newCurator);
    }

    /// @inheritdoc IPool
    function claimCuratorFees(address to) external onlyCurator returns (uint256 amount) {
        require(to != address(0), ErrorsLib.ZeroAddress());
        amount = _curatorFees;
        _curatorFees = 0;
        SafeTransferLib.safeTransfer(asset(), to, amount);
        emit EventsLib.FeesClaimed(to, amount, 0);
    }

    /// @inheritdoc IPool
    function claimProtocolFees() external returns (uint256 amount) {
        address to = MARKETS.treasury();
        amount = _protocolFees;
        _protocolFees = 0;
        SafeTransferLib.safeTransfer(asset(), to, amount);
        emit EventsLib.FeesClaimed(to, 0, amount);
    }

    /* DEPOSITS: synchronous ERC-4626 */

    /// @inheritdoc ERC4626
    function deposit(uint256 assets, address receiver) public override returns (uint256) {
        require(assets != 0, ErrorsLib.ZeroAmount());
        require(_gateAllows(msg.sender, receiver), ErrorsLib.DepositorNotAllowed(receiver));
        _premium.accrue();
        return super.deposit(assets, receiver);
    }

    /// @inheritdoc ERC4626
    function mint(uint256 shares, address receiver) public override returns (uint256) {
        require(shares != 0, ErrorsLib.ZeroAmount());
        require(_gateAllows(msg.sender, receiver), ErrorsLib.DepositorNotAllowed(receiver));
        _premium.accrue();
        return super.mint(shares, receiver);
    }

    /// @dev OpenZeppelin's deposit step with one transfer library: pull the assets, then mint.
    function _deposit(address caller, address receiver, uint256 assets, uint256 shares) internal override {
        SafeTransferLib.safeTransferFrom(asset(), caller, address(this), assets);
        _mint(receiver, shares);
        emit Deposit(caller, receiver, assets, shares);
    }

    /// @inheritdoc ERC4626
    function maxDeposit(address receiver) public view override returns (uint256) {
        return _gateAllows(msg.sender, receiver) ? type(uint256).max : 0;
    }

    /// @inheritdoc ERC4626
    function maxMint(address receiver) public view override returns (uint256) {
        return _gateAllows(msg.sender, receiver) ? type(uint256).max : 0;
    }

    /* EXITS: asynchronous ERC-7540 */

    /// @inheritdoc IERC7540Redeem
    /// @dev Values the shares at the exit price (capital - claim hold, no reserves) and restarts the cooldown.
    function requestRedeem(uint256 shares, address controller, address owner) external returns (uint256) {
        require(shares != 0, ErrorsLib.ZeroAmount());
        require(controller != address(0), ErrorsLib.ZeroAddress());
        if (msg.sender != owner && !isOperator[owner][msg.sender]) _spendAllowance(owner, msg.sender, shares);
        _premium.accrue();
        uint256 assets = _toAssetsDown(shares, _exitCapital(_capital()));
        _transfer(owner, address(this), shares);
        uint256 claimableAt = block.timestamp + _cooldown;
        _requests[controller].add(shares, assets, claimableAt);
        emit RedeemRequest(controller, owner, 0, msg.sender, shares);
        emit EventsLib.RedeemRequested(controller, shares, assets, claimableAt);
        return 0;
    }

    /// @inheritdoc IERC7540Redeem
    function pendingRedeemRequest(uint256, address controller) external view returns (uint256) {
        return _requests[controller].pendingShares();
    }

    /// @inheritdoc IERC7540Redeem
    function claimableRedeemRequest(uint256, address controller) external view returns (uint256) {
        return _requests[controller].claimableShares();
    }

    /// @inheritdoc IERC7540Operator
    function setOperator(address operator, bool approved) external returns (bool) {
        require(operator != msg.sender, ErrorsLib.Unauthorized(operator));
        isOperator[msg.sender][operator] = approved;
        emit OperatorSet(msg.sender, operator, approved);
        return true;
    }

    /// @inheritdoc ERC4626
    /// @dev Claims `shares` of `controller`'s claimable request: pays min(value at request, value now at the exit
    /// price). Refreshes every backed market's trigger first and refuses while one has an open incident.
    function redeem(uint256 shares, address receiver, address controller) public override returns (uint256 assets) {
        require(shares != 0, ErrorsLib.ZeroAmount());
        RedeemQueueLib.Request memory r = _claimable(controller);
        require(shares <= r.shares, ErrorsLib.ExceedsRequest(controller, shares, r.shares));
        uint256 cap = _prepareExit();
        assets = Math.min(r.valueDown(shares), _toAssetsDown(shares, _exitCapital(cap)));
        _exit(r, controller, receiver, shares, assets, cap);
    }

    /// @inheritdoc ERC4626
    /// @dev Burns enough of the request's shares to be worth `assets` at both the request and the exit price.
    function withdraw(uint256 assets, address receiver, address controller) public override returns (uint256 shares) {
        require(assets != 0, ErrorsLib.ZeroAmount());
        RedeemQueueLib.Request memory r = _claimable(controller);
        uint256 cap = _prepareExit();
        shares = Math.max(r.sharesUp(assets), assets.mulDivUp(totalSupply() + _virtualShares(), _exitCapital(cap) + 1));
        require(shares <= r.shares, ErrorsLib.ExceedsRequest(controller, shares, r.shares));
        _exit(r, controller, receiver, shares, assets, cap);
    }

    /// @inheritdoc ERC4626
    /// @dev ERC-7540: claims go through requests, so there is no preview.
    function previewRedeem(uint256) public pure override returns (uint256) {
        revert ErrorsLib.AsyncRedeem();
    }

    /// @inheritdoc ERC4626
    function previewWithdraw(uint256) public pure override returns (uint256) {
        revert ErrorsLib.AsyncRedeem();
    }

    /// @inheritdoc ERC4626
    /// @dev Zero while exits are closed (an open incident) or nothing is claimable; else the claimable shares
    /// that free capital can pay.
    function maxRedeem(address controller) public view override returns (uint256) {
        RedeemQueueLib.Request memory r = _requests[controller];
        if (r.claimableShares() == 0 || !exitsOpen()) return 0;
        uint256 free = freeCapital();
        uint256 value = _exitValue(r);
        if (value <= free) return r.shares;
        return uint256(r.shares).mulDiv(free, value);
    }

    /// @inheritdoc ERC4626
    function maxWithdraw(address controller) public view override returns (uint256) {
        RedeemQueueLib.Request memory r = _requests[controller];
        if (r.claimableShares() == 0 || !exitsOpen()) return 0;
        return Math.min(_exitValue(r), freeCapital());
    }

    /// @inheritdoc IERC7575
    function share() external view returns (address) {
        return address(this);
    }

    /// @notice ERC-165: ERC-7540 redeem and operator, ERC-7575 (0x2f0a18c5, the id of its whole vault interface).
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC7540Redeem).interfaceId || interfaceId == type(IERC7540Operator).interfaceId
            || interfaceId == 0x2f0a18c5 || interfaceId == type(IERC165).interfaceId;
    }

    /* UNDERWRITING */

    /// @inheritdoc IPool
    function underwrite(UnderwriteParams calldata p)
        external
        only(COVER_MANAGER)
        returns (uint256 filled, uint256 premium)
    {
        MarketConfig memory c = _config[p.marketId];
        ExposureLib.Ledger storage l = _ledger[p.marketId];
        if (c.weightBps == 0 || !c.listed || l.closed) return (0, 0);
        _premium.accrue();
        uint256 capacity_;
        uint256 booked;
        (filled, capacity_, booked) = _fillable(p.marketId, c, l, p.maxAmount);
        if (filled == 0) return (0, 0);

        RateCurve memory curve = c.curve;
        if (c.followOracle) curve.baseRateBps = uint32(p.oracleBaseRateBps);
        premium = RateCurveLib.premiumUp(curve, booked, booked + filled, capacity_, p.end - p.start);
        _book(p, c, l, filled, premium);
    }

    /* CLAIMS */

    /// @inheritdoc IPool
    function settle(uint256 marketId, uint256 incidentTime, uint256 payoutPerUnitWad)
        external
        only(SETTLEMENT)
        returns (uint256 required, uint256 funded)
    {
        MarketConfig memory c = _config[marketId];
        ExposureLib.Ledger storage l = _ledger[marketId];
        require(!l.closed, ErrorsLib.AlreadySettled(marketId));
        _premium.accrue();
        // Cover that ended strictly before the incident is released; what stays booked may be owed.
        uint256 firstLiveDay = ExposureLib.incidentReleaseDay(incidentTime, c.releaseDelayDays);
        _release(l, c.groups, Math.min(BucketLib.at(block.timestamp), firstLiveDay - 1));
        uint256 eligible = l.liveAt(incidentTime, c.releaseDelayDays);
        required = eligible.mulDivUp(payoutPerUnitWad, 1e18);
        funded = Math.min(required, _exitCapital(_capital()));

        // The market's exposure is paid out: it stops counting against groups, leverage and capacity.
        uint256 booked = l.booked;
        l.closed = true;
        l.booked = 0;
        _addToGroups(c.groups, booked, false);
        _totalBooked -= uint128(booked);
        if (funded != 0) {
            _openReserveMask |= uint16(1 << c.index);
            SafeTransferLib.safeTransfer(asset(), SETTLEMENT, funded);
        }
        emit EventsLib.IncidentReserved(marketId, eligible, required, funded);
    }

    /// @inheritdoc IPool
    function reserveReturned(uint256 marketId) external only(SETTLEMENT) {
        _openReserveMask &= ~uint16(1 << _config[marketId].index);
    }

    /// @inheritdoc IPool
    function delist(uint256 marketId) external only(address(MARKETS)) {
        _config[marketId].listed = false;
        _config[marketId].weightBps = 0;
        emit EventsLib.MarketConfigured(marketId, 0, _config[marketId].curve, _config[marketId].followOracle);
    }

    /// @inheritdoc IPool
    function holdForClaim(uint256 amount, bool held) external only(ASSESSED_CLAIMS) {
        if (held) _claimHold += amount;
        else _claimHold -= amount;
        emit EventsLib.ClaimHold(amount, held);
    }

    /// @inheritdoc IPool
    function payClaim(address to, uint256 amount, uint256 held) external only(ASSESSED_CLAIMS) {
        _claimHold -= held;
        _premium.accrue();
        uint256 cap = _capital();
        require(amount <= cap, ErrorsLib.InsufficientCapital(amount, cap));
        SafeTransferLib.safeTransfer(asset(), to, amount);
        emit EventsLib.ClaimPaidFromPool(to, amount);
    }

    /* ANYONE */

    /// @inheritdoc IPool
    function sync(uint256 marketId) external {
        _premium.accrue();
        if (_releasable(marketId)) {
            _release(_ledger[marketId], _config[marketId].groups, BucketLib.at(block.timestamp));
        }
    }

    /* VIEWS */

    /// @inheritdoc IPool
    function markets() external view returns (address) {
        return address(MARKETS);
    }

    /// @inheritdoc IPool
    function backedMarkets() external view returns (uint256[] memory) {
        return _backedMarkets;
    }

    /// @inheritdoc IPool
    function marketConfig(uint256 marketId) external view returns (MarketConfig memory) {
        return _config[marketId];
    }

    /// @inheritdoc IPool
    function exposureLedger(uint256 marketId) external view returns (Exposure memory) {
        ExposureLib.Ledger storage l = _ledger[marketId];
        return Exposure(l.booked, l.lastBucket, l.maxReleaseBucket, l.maxStartBucket, l.closed);
    }

    /// @inheritdoc IPool
    function exposure(uint256 marketId) public view returns (uint256) {
        ExposureLib.Ledger storage l = _ledger[marketId];
        if (l.closed) return 0;
        if (!_releasable(marketId)) return l.booked;
        return l.booked - l.pending(BucketLib.at(block.timestamp));
    }

    /// @inheritdoc IPool
    function coverInForce(uint256 marketId) external view returns (uint256) {
        ExposureLib.Ledger storage l = _ledger[marketId];
        if (l.closed) return 0;
        return l.inForce(BucketLib.at(block.timestamp), _config[marketId].releaseDelayDays);
    }

    /// @inheritdoc IPool
    function groupExposure(uint8 groupId) external view returns (uint256 booked, uint16 capBps) {
        return (_groupBooked[groupId], _groupCapBps[groupId]);
    }

    /// @inheritdoc IPool
    function totalExposure() external view returns (uint256) {
        return _totalBooked;
    }

    /// @inheritdoc ERC4626
    /// @dev The deposit price: capital plus this pool's share of reserves not yet paid or returned.
    function totalAssets() public view override returns (uint256) {
        return capital() + reserveReceivable();
    }

    /// @inheritdoc IPool
    /// @dev Assets held minus unearned premium (rounded up) and fees owed. INV-CONSERVATION.
    function capital() public view returns (uint256) {
        (, uint256 unearnedX) = _premium.accrued();
        return _capitalGiven(unearnedX);
    }

    /// @inheritdoc IPool
    function reserveReceivable() public view returns (uint256 receivable) {
        uint256 mask = _openReserveMask;
        for (uint256 i; mask != 0; ++i) {
            if (mask & 1 == 1) receivable += ISettlement(SETTLEMENT).reserveShareOf(_backedMarkets[i], address(this));
            mask >>= 1;
        }
    }

    /// @inheritdoc IPool
    function lockedCapital() public view returns (uint256 locked) {
        locked = uint256(_totalBooked).mulDivUp(BPS, _leverageBps);
        uint64 mask = _groupMask;
        for (uint8 g; mask != 0; ++g) {
            if (mask & 1 == 1) {
                uint256 booked = _groupBooked[g];
                if (booked != 0) locked = Math.max(locked, booked.mulDivUp(BPS, _groupCapBps[g]));
            }
            mask >>= 1;
        }
        locked += _claimHold;
    }

    /// @inheritdoc IPool
    function freeCapital() public view returns (uint256) {
        return _saturatingSub(capital(), lockedCapital());
    }

    /// @inheritdoc IPool
    function capacity(uint256 marketId) public view returns (uint256) {
        return _exitCapital(capital()) * _config[marketId].weightBps / BPS;
    }

    /// @inheritdoc IPool
    function feesOwed() external view returns (uint256 curatorFees, uint256 protocolFees) {
        return (_curatorFees, _protocolFees);
    }

    /// @inheritdoc IPool
    function redeemRequest(address controller) external view returns (uint256, uint256, uint256) {
        RedeemQueueLib.Request memory r = _requests[controller];
        return (r.shares, r.assets, r.claimableAt);
    }

    /// @inheritdoc IPool
    function claimHold() external view returns (uint256) {
        return _claimHold;
    }

    /// @inheritdoc IPool
    function poolParams() external view returns (uint16, uint32, uint32, address, uint32) {
        return (_curatorFeeBps, _leverageBps, _cooldown, _gate, _timelock);
    }

    /// @inheritdoc IPool
    function pendingChange(bytes32 changeId) external view returns (uint256) {
        return _pendingChanges[changeId];
    }

    /// @inheritdoc IPool
    function exitsOpen() public view returns (bool) {
        uint256 n = _backedMarkets.length;
        for (uint256 i; i < n; ++i) {
            uint256 marketId = _backedMarkets[i];
            address trigger = _triggerOf[marketId];
            if (trigger == address(0) || _ledger[marketId].closed) continue;
            if (ITrigger(trigger).state() != TriggerState.ACTIVE) return false;
        }
        return true;
    }

    /* INTERNAL: EXPOSURE */

    /// @dev Releases `l`'s cover due up to day `upTo` from the group and total books.
    function _release(ExposureLib.Ledger storage l, uint64 groups, uint256 upTo) internal {
        uint256 released = l.release(upTo);
        if (released == 0) return;
        _addToGroups(groups, released, false);
        _totalBooked -= uint128(released);
    }

    /// @dev What the pool can fill now: releases this market's expired cover (the cover manager refreshed its
    /// trigger and found it ACTIVE), and other markets' cover too when short.
    function _fillable(uint256 marketId, MarketConfig memory c, ExposureLib.Ledger storage l, uint256 maxAmount)
        internal
        returns (uint256 filled, uint256 capacity_, uint256 booked)
    {
        uint256 today = BucketLib.at(block.timestamp);
        _release(l, c.groups, today);
        uint256 cap = _exitCapital(_capital());
        capacity_ = cap * c.weightBps / BPS;
        booked = l.booked;
        filled = Math.min(maxAmount, _freeCapacity(cap, capacity_, booked, c.groups));
        // Expired cover of other markets may still count in shared groups and the total until released.
        if (filled < maxAmount && _releaseOthers(marketId, today)) {
            filled = Math.min(maxAmount, _freeCapacity(cap, capacity_, booked, c.groups));
        }
    }

    /// @dev Books a filled slice: exposure (released after the cover's end day plus the release delay), groups,
    /// total, fees and the LPs' premium stream (earned until the end day).
    function _book(
        UnderwriteParams calldata p,
        MarketConfig memory c,
        ExposureLib.Ledger storage l,
        uint256 filled,
        uint256 premium
    ) internal {
        uint256 endBucket = BucketLib.endOf(p.end);
        l.book(filled, BucketLib.at(p.start), endBucket + c.releaseDelayDays);
        _addToGroups(c.groups, filled, true);
        _totalBooked += uint128(filled);
        uint256 curatorFee = premium * _curatorFeeBps / BPS;
        uint256 protocolFee = premium * p.protocolFeeBps / BPS;
        _curatorFees += uint128(curatorFee);
        _protocolFees += uint128(protocolFee);
        _premium.add(premium - curatorFee - protocolFee, endBucket);
        emit EventsLib.Underwritten(p.marketId, filled, premium, curatorFee, protocolFee, endBucket);
    }

    /// @dev Releases expired cover on every other backed market whose trigger (if any) is ACTIVE; returns whether
    /// anything was released. A market with an open candidate keeps its cover booked: it may still be owed.
    function _releaseOthers(uint256 marketId, uint256 today) internal returns (bool) {
        uint128 total = _totalBooked;
        uint256 n = _backedMarkets.length;
        for (uint256 i; i < n; ++i) {
            uint256 id = _backedMarkets[i];
            ExposureLib.Ledger storage l = _ledger[id];
            // Released today already (or settled): nothing to gain, and no need to read its trigger.
            if (id == marketId || l.lastBucket >= today || l.closed) continue;
            if (_releasable(id)) _release(l, _config[id].groups, today);
        }
        return _totalBooked < total;
    }

    /// @dev Whether `marketId`'s expired cover may be released: assessed, or its trigger reads ACTIVE. The release
    /// delay (MAX_INCIDENT_LOOKBACK) covers a trigger that has not been poked yet.
    function _releasable(uint256 marketId) internal view returns (bool) {
        address trigger = _triggerOf[marketId];
        return trigger == address(0) || ITrigger(trigger).state() == TriggerState.ACTIVE;
    }

    function _addToGroups(uint64 groups, uint256 amount, bool add) internal {
        for (uint8 g; groups != 0; ++g) {
            if (groups & 1 == 1) {
                if (add) _groupBooked[g] += uint128(amount);
                else _groupBooked[g] -= uint128(amount);
            }
            groups >>= 1;
        }
    }

    /// @dev The tightest of: capacity - booked, every group's cap x capital - group exposure, and
    /// leverage x capital - total exposure.
    function _freeCapacity(uint256 cap, uint256 capacity_, uint256 booked, uint64 groups)
        internal
        view
        returns (uint256 free)
    {
        free = _saturatingSub(capacity_, booked);
        free = Math.min(free, _saturatingSub(cap * _leverageBps / BPS, _totalBooked));
        for (uint8 g; groups != 0; ++g) {
            if (groups & 1 == 1) {
                free = Math.min(free, _saturatingSub(cap * _groupCapBps[g] / BPS, _groupBooked[g]));
            }
            groups >>= 1;
        }
    }

    /* INTERNAL: CAPITAL AND EXITS */

    /// @dev Capital from the stored (accrued) premium stream.
    function _capital() internal view returns (uint256) {
        return _capitalGiven(_premium.unearnedX);
    }

    function _capitalGiven(uint256 unearnedX) internal view returns (uint256) {
        return _saturatingSub(
            SafeTransferLib.balanceOf(asset(), address(this)),
            PremiumStreamLib.unearnedUp(unearnedX) + _curatorFees + _protocolFees
        );
    }

    function _exitCapital(uint256 cap) internal view returns (uint256) {
        return _saturatingSub(cap, _claimHold);
    }

    /// @dev A request's value now: the lower of its request-price value and its exit-price value.
    function _exitValue(RedeemQueueLib.Request memory r) internal view returns (uint256) {
        return Math.min(r.assets, _toAssetsDown(r.shares, _exitCapital(capital())));
    }

    function _claimable(address controller) internal view returns (RedeemQueueLib.Request memory r) {
        require(
            msg.sender == controller || isOperator[controller][msg.sender], ErrorsLib.Unauthorized(msg.sender)
        );
        r = _requests[controller];
        require(
            r.shares != 0 && r.claimableAt <= block.timestamp, ErrorsLib.RequestNotClaimable(controller, r.claimableAt)
        );
    }

    /// @dev Accrues, pokes every backed market's trigger and refuses while one has an open incident (FROZEN, or
    /// TRIGGERED and not settled here), then releases expired cover: LPs cannot run from an incident, even one
    /// nobody has reported yet. Returns capital.
    function _prepareExit() internal returns (uint256) {
        _premium.accrue();
        uint256 today = BucketLib.at(block.timestamp);
        uint256 n = _backedMarkets.length;
        for (uint256 i; i < n; ++i) {
            uint256 marketId = _backedMarkets[i];
            ExposureLib.Ledger storage l = _ledger[marketId];
            if (l.closed) continue;
            address trigger = _triggerOf[marketId];
            if (trigger != address(0)) {
                TriggerState state = ITrigger(trigger).poke();
                require(state == TriggerState.ACTIVE, ErrorsLib.TriggerNotActive(marketId, state));
            }
            _release(l, _config[marketId].groups, today);
        }
        return _capital();
    }

    /// @dev Burns `shares` of the request and pays `assets` if they fit in free capital (INV-LOCK).
    function _exit(
        RedeemQueueLib.Request memory r,
        address controller,
        address receiver,
        uint256 shares,
        uint256 assets,
        uint256 cap
    ) internal {
        uint256 free = _saturatingSub(cap, lockedCapital());
        require(assets <= free, ErrorsLib.InsufficientFreeCapital(assets, free));
        _requests[controller].consume(r, shares);
        _burn(address(this), shares);
        SafeTransferLib.safeTransfer(asset(), receiver, assets);
        emit Withdraw(msg.sender, receiver, controller, assets, shares);
    }

    /* INTERNAL: GATE AND PARAMETERS */

    /// @dev A gated pool gates share transfers too: shares never reach an address the gate refuses.
    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && to != address(0) && to != address(this) && from != address(this)) {
            require(_gateAllows(from, to), ErrorsLib.DepositorNotAllowed(to));
        }
        super._update(from, to, value);
    }

    function _gateAllows(address caller, address receiver) internal view returns (bool) {
        address gate = _gate;
        return gate == address(0) || IDepositGate(gate).isAllowed(address(this), caller, receiver);
    }

    /// @dev Whether a change may apply now. Risk-decreasing changes, and any change while the pool has no
    /// shares, apply at once. A risk-increasing one is queued under the hash of its calldata on first call and
    /// applies when the same call is made after max(timelock, cooldown), so LPs who disagree can leave first.
    /// A queued change is dropped whenever the same call applies (by any path), and expires if not applied within
    /// MAX_TIMELOCK after it became executable: an old queue entry never lets a later increase skip the wait.
    function _timelocked(bool riskier) internal returns (bool) {
        bytes32 id = keccak256(msg.data);
        uint256 at = _pendingChanges[id];
        if (!riskier || totalSupply() == 0) {
            if (at != 0) delete _pendingChanges[id];
            return true;
        }
        if (at == 0 || block.timestamp > at + MAX_TIMELOCK) {
            // Never sooner than an LP who requests now can redeem: the change waits out the cooldown too.
            at = block.timestamp + Math.max(_timelock, _cooldown);
            _pendingChanges[id] = at;
            emit EventsLib.ChangeQueued(id, at, msg.data);
            return false;
        }
        require(block.timestamp >= at, ErrorsLib.TimelockPending(id, at));
        delete _pendingChanges[id];
        return true;
    }

    function _checkPoolParams(uint16 curatorFeeBps, uint32 leverageBps, uint32 cooldown) internal pure {
        require(curatorFeeBps <= MAX_CURATOR_FEE_BPS, ErrorsLib.FeeTooHigh(curatorFeeBps, MAX_CURATOR_FEE_BPS));
        require(leverageBps >= BPS && leverageBps <= MAX_LEVERAGE_BPS, ErrorsLib.InvalidLeverage(leverageBps));
        require(
            cooldown >= MIN_COOLDOWN && cooldown <= MAX_COOLDOWN,
            ErrorsLib.InvalidCooldown(cooldown, MIN_COOLDOWN, MAX_COOLDOWN)
        );
    }

    /// @dev What a pool needs to back `marketId`, checked: live and in this pool's asset, and room for it.
    function _backingTerms(uint256 marketId)
        internal
        view
        returns (ClaimMode mode, uint64 groups, address trigger, uint32 window)
    {
        address marketAsset;
        MarketStatus status;
        (marketAsset, status, mode, groups, trigger, window) = MARKETS.backingTerms(marketId);
        require(status == MarketStatus.ACTIVE, ErrorsLib.MarketNotActive(marketId, status));
        require(marketAsset == asset(), ErrorsLib.AssetMismatch(asset(), marketAsset));
        require(_backedMarkets.length < MAX_MARKETS, ErrorsLib.TooManyMarkets(MAX_MARKETS));
    }

    function _setPoolParams(uint16 curatorFeeBps, uint32 leverageBps, uint32 cooldown, address gate) internal {
        _checkPoolParams(curatorFeeBps, leverageBps, cooldown);
        _curatorFeeBps = curatorFeeBps;
        _leverageBps = leverageBps;
        _cooldown = cooldown;
        _gate = gate;
        emit EventsLib.PoolParamsSet(curatorFeeBps, leverageBps, cooldown, gate);
    }

    /* INTERNAL: MATH */

    /// @dev Virtual shares and assets (offset 6) make the first-depositor inflation attack unprofitable.
    function _decimalsOffset() internal pure override returns (uint8) {
        return 6;
    }

    /// @dev OpenZeppelin's conversions (virtual offset, rounding as asked) with one mulDiv implementation.
    function _convertToShares(uint256 assets, Math.Rounding rounding) internal view override returns (uint256) {
        uint256 supply = totalSupply() + _virtualShares();
        uint256 assets_ = totalAssets() + 1;
        return Math.unsignedRoundsUp(rounding) ? assets.mulDivUp(supply, assets_) : assets.mulDiv(supply, assets_);
    }

    function _convertToAssets(uint256 shares, Math.Rounding rounding) internal view override returns (uint256) {
        uint256 supply = totalSupply() + _virtualShares();
        uint256 assets_ = totalAssets() + 1;
        return Math.unsignedRoundsUp(rounding) ? shares.mulDivUp(assets_, supply) : shares.mulDiv(assets_, supply);
    }

    /// @dev ERC-4626 conversion at a given capital, rounded down (OpenZeppelin's formula with the virtual offset).
    function _toAssetsDown(uint256 shares, uint256 cap) internal view returns (uint256) {
        return shares.mulDiv(cap + 1, totalSupply() + _virtualShares());
    }

    function _virtualShares() internal pure returns (uint256) {
        return 10 ** _decimalsOffset();
    }

    function _saturatingSub(uint256 a, uint256 b) internal pure returns (uint256) {
        return a > b ? a - b : 0;
    }
}
