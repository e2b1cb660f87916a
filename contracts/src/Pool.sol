// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

import {IPool, MarketConfig, Exposure, RedeemRequest} from "./interfaces/IPool.sol";
import {IMarkets} from "./interfaces/IMarkets.sol";
import {IDepositGate} from "./interfaces/IDepositGate.sol";
import {ITrigger, TriggerState} from "./interfaces/ITrigger.sol";
import {Market, MarketStatus, RateCurve, UnderwriteParams} from "./types/Types.sol";
import {ErrorsLib} from "./libraries/ErrorsLib.sol";
import {EventsLib} from "./libraries/EventsLib.sol";
import {RateCurveLib} from "./libraries/RateCurveLib.sol";
import {BucketLib} from "./libraries/BucketLib.sol";

/// @title Pool
/// @notice An ERC-4626 vault whose capital backs the markets its curator chooses.
/// @dev Invariants enforced here (IDs in docs/invariants.md):
/// INV-SOLVENCY: for every group g, groupExposure(g) <= capital x cap(g) <= capital at every sale.
/// INV-CONSERVATION: asset balance = capital + unearned premium + fees owed.
/// INV-UNEARNED: unearned premium is excluded from totalAssets and earned linearly until the cover's end day.
/// INV-LOCK: redemptions never take capital below lockedCapital().
/// INV-SHARES: share price moves down only through paid losses; every conversion rounds in the pool's favour.
contract Pool is ERC4626, IPool {
    using SafeERC20 for IERC20;
    using FixedPointMathLib for uint256;

    uint256 internal constant BPS = 10_000;
    uint256 internal constant WAD = 1e18;
    uint256 internal constant MAX_MARKETS = 16;
    uint256 internal constant MAX_CURATOR_FEE_BPS = 3_000;
    uint256 internal constant MAX_LEVERAGE_BPS = 100_000;
    uint256 internal constant MIN_COOLDOWN = 1 hours;
    uint256 internal constant MAX_COOLDOWN = 90 days;

    IMarkets internal immutable MARKETS;
    address internal immutable COVER_MANAGER;
    address internal immutable SETTLEMENT;
    address internal immutable ASSESSED_CLAIMS;

    /* STORAGE */

    /// @inheritdoc IPool
    address public curator;

    // One slot: pool parameters read by every sale.
    address internal _depositGate;
    uint16 internal _curatorFeeBps;
    uint32 internal _leverageBps;
    uint32 internal _cooldown;

    // One slot: total exposure and the union of the backed markets' groups.
    uint128 internal _totalBooked;
    uint64 internal _groupMask;

    // Capital held for pending assessed claims; part of lockedCapital.
    uint256 internal _claimHold;

    // One slot: fees owed, excluded from capital.
    uint128 internal _curatorFees;
    uint128 internal _protocolFees;

    // Premium stream: LP premium is earned linearly from purchase to the start of the cover's end bucket.
    // Amounts are scaled by 1e18 ("X units") so a stream's rate times its duration is exact.
    uint128 internal _rateX; // premium earned per second, X units
    uint40 internal _lastAccrual; // stream accrued up to this time
    uint40 internal _maxRateBucket; // the latest bucket at which some stream ends
    uint256 internal _unearnedX; // premium not yet earned, X units
    mapping(uint256 bucket => uint256) internal _rateEndingAt;

    uint256[] internal _backedMarkets;
    mapping(uint256 marketId => MarketConfig) internal _config;
    mapping(uint256 marketId => address) internal _triggerOf;
    mapping(uint256 marketId => Exposure) internal _exposure;
    mapping(uint256 marketId => mapping(uint256 bucket => uint256)) internal _endingAt;
    mapping(uint256 marketId => mapping(uint256 bucket => uint256)) internal _startingAt;
    mapping(uint8 groupId => uint128) internal _groupBooked;
    mapping(uint8 groupId => uint16) internal _groupCapBps;

    mapping(address owner => RedeemRequest) internal _requests;

    modifier onlyCurator() {
        require(msg.sender == curator, ErrorsLib.Unauthorized(msg.sender));
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
        _lastAccrual = uint40(block.timestamp);
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
        MarketConfig storage c = _config[marketId];
        if (c.groups == 0) {
            // First time: the market must be live and in this pool's asset.
            Market memory m = MARKETS.market(marketId);
            require(m.status == MarketStatus.ACTIVE, ErrorsLib.MarketNotActive(marketId, m.status));
            require(m.asset == asset(), ErrorsLib.AssetMismatch(asset(), m.asset));
            require(_backedMarkets.length < MAX_MARKETS, ErrorsLib.TooManyMarkets(MAX_MARKETS));
            _backedMarkets.push(marketId);
            c.groups = m.groups;
            _groupMask |= m.groups;
            _triggerOf[marketId] = m.trigger;
            _exposure[marketId].lastBucket = uint32(BucketLib.at(block.timestamp));
            MARKETS.addMarketPool(marketId);
        }
        c.weightBps = weightBps;
        c.followOracle = followOracle;
        c.curve = curve;
        emit EventsLib.MarketConfigured(marketId, weightBps, curve, followOracle);
    }

    /// @inheritdoc IPool
    function setGroupCap(uint8 groupId, uint16 capBps) external onlyCurator {
        require(groupId < MARKETS.groupCount(), ErrorsLib.UnknownGroup(groupId));
        require(capBps <= BPS, ErrorsLib.GroupCapTooHigh(groupId, capBps));
        uint256 booked = _groupBooked[groupId];
        uint256 limit = totalAssets() * capBps / BPS;
        require(booked <= limit, ErrorsLib.GroupCapBelowExposure(groupId, booked, limit));
        _groupCapBps[groupId] = capBps;
        emit EventsLib.GroupCapSet(groupId, capBps);
    }

    /// @inheritdoc IPool
    function setPoolParams(uint16 curatorFeeBps, uint32 leverageBps, uint32 cooldown, address depositGate)
        external
        onlyCurator
    {
        uint256 limit = totalAssets() * leverageBps / BPS;
        require(_totalBooked <= limit, ErrorsLib.LeverageBelowExposure(_totalBooked, limit));
        _setPoolParams(curatorFeeBps, leverageBps, cooldown, depositGate);
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
        IERC20(asset()).safeTransfer(to, amount);
        emit EventsLib.FeesClaimed(to, amount, 0);
    }

    /// @inheritdoc IPool
    function claimProtocolFees() external returns (uint256 amount) {
        address to = MARKETS.treasury();
        amount = _protocolFees;
        _protocolFees = 0;
        IERC20(asset()).safeTransfer(to, amount);
        emit EventsLib.FeesClaimed(to, 0, amount);
    }

    /* DEPOSITS */

    /// @inheritdoc ERC4626
    function deposit(uint256 assets, address receiver) public override returns (uint256) {
        require(assets != 0, ErrorsLib.ZeroAmount());
        _checkGate(receiver);
        _accrue();
        return super.deposit(assets, receiver);
    }

    /// @inheritdoc ERC4626
    function mint(uint256 shares, address receiver) public override returns (uint256) {
        require(shares != 0, ErrorsLib.ZeroAmount());
        _checkGate(receiver);
        _accrue();
        return super.mint(shares, receiver);
    }

    /// @inheritdoc ERC4626
    function maxDeposit(address receiver) public view override returns (uint256) {
        return _gateAllows(msg.sender, receiver) ? type(uint256).max : 0;
    }

    /// @inheritdoc ERC4626
    function maxMint(address receiver) public view override returns (uint256) {
        return _gateAllows(msg.sender, receiver) ? type(uint256).max : 0;
    }

    /* WITHDRAWALS */

    /// @inheritdoc IPool
    function requestRedeem(uint256 shares, address owner) external returns (uint256 claimableAt) {
        require(shares != 0, ErrorsLib.ZeroAmount());
        if (msg.sender != owner) _spendAllowance(owner, msg.sender, shares);
        _accrue();
        uint256 assets = convertToAssets(shares);
        _transfer(owner, address(this), shares);
        RedeemRequest memory r = _requests[owner];
        claimableAt = block.timestamp + _cooldown;
        _requests[owner] = RedeemRequest({
            shares: SafeCast.toUint120(r.shares + shares),
            assets: SafeCast.toUint96(r.assets + assets),
            claimableAt: uint40(claimableAt)
        });
        emit EventsLib.RedeemRequested(owner, shares, assets, claimableAt);
    }

    /// @inheritdoc ERC4626
    /// @dev Pays min(value at request, value now) for escrowed shares whose cooldown is over.
    function redeem(uint256 shares, address receiver, address owner) public override returns (uint256 assets) {
        require(shares != 0, ErrorsLib.ZeroAmount());
        RedeemRequest memory r = _claimable(owner);
        require(shares <= r.shares, ErrorsLib.ExceedsRequest(owner, shares, r.shares));
        _accrue();
        _syncAllAndCheckIncidents();
        uint256 cap = totalAssets();
        assets = Math.min(shares.mulDiv(r.assets, r.shares), _toAssetsDown(shares, cap));
        _exit(r, owner, receiver, shares, assets, cap);
    }

    /// @inheritdoc ERC4626
    /// @dev Burns enough escrowed shares to be worth `assets` at both the request price and the current price.
    function withdraw(uint256 assets, address receiver, address owner) public override returns (uint256 shares) {
        require(assets != 0, ErrorsLib.ZeroAmount());
        RedeemRequest memory r = _claimable(owner);
        _accrue();
        _syncAllAndCheckIncidents();
        uint256 cap = totalAssets();
        shares = Math.max(assets.mulDivUp(r.shares, r.assets), assets.mulDivUp(totalSupply() + _virtualShares(), cap + 1));
        require(shares <= r.shares, ErrorsLib.ExceedsRequest(owner, shares, r.shares));
        _exit(r, owner, receiver, shares, assets, cap);
    }

    /// @inheritdoc ERC4626
    function maxRedeem(address owner) public view override returns (uint256) {
        RedeemRequest memory r = _requests[owner];
        if (r.claimableAt > block.timestamp) return 0;
        uint256 free = freeCapital();
        uint256 value = Math.min(r.assets, convertToAssets(r.shares));
        if (value <= free) return r.shares;
        return uint256(r.shares).mulDiv(free, value);
    }

    /// @inheritdoc ERC4626
    function maxWithdraw(address owner) public view override returns (uint256) {
        RedeemRequest memory r = _requests[owner];
        if (r.claimableAt > block.timestamp) return 0;
        return Math.min(Math.min(r.assets, convertToAssets(r.shares)), freeCapital());
    }

    /* UNDERWRITING */

    /// @inheritdoc IPool
    function underwrite(UnderwriteParams calldata p) external returns (uint256 filled, uint256 premium) {
        require(msg.sender == COVER_MANAGER, ErrorsLib.Unauthorized(msg.sender));
        MarketConfig memory c = _config[p.marketId];
        if (c.weightBps == 0) return (0, 0);
        uint256 booked = _sync(p.marketId, c.groups);
        if (_exposure[p.marketId].closed) return (0, 0);
        _accrue();

        uint256 cap = _capital();
        uint256 capacity_ = cap * c.weightBps / BPS;
        filled = Math.min(p.maxAmount, _freeCapacity(cap, capacity_, booked, c.groups));
        // Expired cover of other markets may still count in shared groups and the total until synced.
        if (filled < p.maxAmount && _syncOthers(p.marketId)) {
            filled = Math.min(p.maxAmount, _freeCapacity(cap, capacity_, booked, c.groups));
        }
        if (filled == 0) return (0, 0);

        RateCurve memory curve = c.curve;
        if (c.followOracle) curve.baseRateBps = uint32(p.oracleBaseRateBps);
        premium = RateCurveLib.premiumUp(curve, booked, booked + filled, capacity_, p.end - p.start);

        uint256 endBucket = BucketLib.endOf(p.end);
        _book(p.marketId, c.groups, filled, BucketLib.at(p.start), endBucket);
        (uint256 curatorFee, uint256 protocolFee) = _stream(premium, p.protocolFeeBps, endBucket);
        emit EventsLib.Underwritten(p.marketId, filled, premium, curatorFee, protocolFee, endBucket);
    }

    /* CLAIMS */

    /// @inheritdoc IPool
    function settle(uint256 marketId, uint256 incidentTime, uint256 payoutPerUnitWad)
        external
        returns (uint256 required, uint256 funded)
    {
        require(msg.sender == SETTLEMENT, ErrorsLib.Unauthorized(msg.sender));
        MarketConfig memory c = _config[marketId];
        Exposure storage e = _exposure[marketId];
        require(!e.closed, ErrorsLib.AlreadySettled(marketId));
        uint256 booked = _sync(marketId, c.groups);

        uint256 eligible = uint256(int256(booked) + _eligibleAdjustment(marketId, e, BucketLib.at(incidentTime)));
        required = eligible.mulDivUp(payoutPerUnitWad, WAD);
        _accrue();
        funded = Math.min(required, _capital());

        // The market's exposure is paid out: it stops counting against groups, leverage and capacity.
        e.closed = true;
        e.booked = 0;
        _addToGroups(c.groups, booked, false);
        _totalBooked -= uint128(booked);
        if (funded != 0) IERC20(asset()).safeTransfer(SETTLEMENT, funded);
        emit EventsLib.IncidentReserved(marketId, eligible, required, funded);
    }

    /// @inheritdoc IPool
    function holdForClaim(uint256 amount, bool held) external {
        require(msg.sender == ASSESSED_CLAIMS, ErrorsLib.Unauthorized(msg.sender));
        if (held) _claimHold += amount;
        else _claimHold -= amount;
        emit EventsLib.ClaimHold(amount, held);
    }

    /// @inheritdoc IPool
    function payClaim(address to, uint256 amount, uint256 held) external {
        require(msg.sender == ASSESSED_CLAIMS, ErrorsLib.Unauthorized(msg.sender));
        _claimHold -= held;
        _accrue();
        uint256 cap = _capital();
        require(amount <= cap, ErrorsLib.InsufficientCapital(amount, cap));
        IERC20(asset()).safeTransfer(to, amount);
        emit EventsLib.ClaimPaidFromPool(to, amount);
    }

    /* ANYONE */

    /// @inheritdoc IPool
    function sync(uint256 marketId) external {
        _accrue();
        _sync(marketId, _config[marketId].groups);
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
    function exposure(uint256 marketId) public view returns (uint256 booked) {
        Exposure memory e = _exposure[marketId];
        if (e.closed) return 0;
        return e.booked - _pendingRelease(marketId, e);
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
    /// @dev Capital: assets held minus unearned premium (rounded up) and fees owed. INV-CONSERVATION.
    function totalAssets() public view override returns (uint256) {
        (, uint256 unearnedX) = _accrued();
        return _saturatingSub(_balance(), _toAssetsUp(unearnedX) + _curatorFees + _protocolFees);
    }

    /// @inheritdoc IPool
    function capital() external view returns (uint256) {
        return totalAssets();
    }

    /// @inheritdoc IPool
    function lockedCapital() public view returns (uint256 locked) {
        uint256 leverage = _leverageBps;
        locked = uint256(_totalBooked).mulDivUp(BPS, leverage);
        uint64 mask = _groupMask;
        uint256 hold = _claimHold;
        for (uint8 g; mask != 0; ++g) {
            if (mask & 1 == 1) {
                uint256 booked = _groupBooked[g];
                if (booked != 0) locked = Math.max(locked, booked.mulDivUp(BPS, _groupCapBps[g]));
            }
            mask >>= 1;
        }
        locked += hold;
    }

    /// @inheritdoc IPool
    function freeCapital() public view returns (uint256) {
        return _saturatingSub(totalAssets(), lockedCapital());
    }

    /// @inheritdoc IPool
    function capacity(uint256 marketId) public view returns (uint256) {
        return totalAssets() * _config[marketId].weightBps / BPS;
    }

    /// @inheritdoc IPool
    function freeCapacity(uint256 marketId) external view returns (uint256) {
        MarketConfig memory c = _config[marketId];
        if (c.weightBps == 0 || _exposure[marketId].closed) return 0;
        uint256 cap = totalAssets();
        return _freeCapacity(cap, cap * c.weightBps / BPS, exposure(marketId), c.groups);
    }

    /// @inheritdoc IPool
    function utilisation(uint256 marketId) external view returns (uint256) {
        uint256 capacity_ = capacity(marketId);
        uint256 booked = exposure(marketId);
        if (capacity_ == 0) return booked == 0 ? 0 : type(uint256).max;
        return booked.mulDivUp(WAD, capacity_);
    }

    /// @inheritdoc IPool
    function worstGroupExposureRatio() external view returns (uint256 worst) {
        uint256 cap = totalAssets();
        uint64 mask = _groupMask;
        for (uint8 g; mask != 0; ++g) {
            if (mask & 1 == 1 && _groupBooked[g] != 0) {
                uint256 limit = cap * _groupCapBps[g] / BPS;
                worst = Math.max(worst, limit == 0 ? type(uint256).max : uint256(_groupBooked[g]).mulDivUp(WAD, limit));
            }
            mask >>= 1;
        }
    }

    /// @inheritdoc IPool
    function unearnedPremium() external view returns (uint256) {
        (, uint256 unearnedX) = _accrued();
        return _toAssetsUp(unearnedX);
    }

    /// @inheritdoc IPool
    function feesOwed() external view returns (uint256 curatorFees, uint256 protocolFees) {
        return (_curatorFees, _protocolFees);
    }

    /// @inheritdoc IPool
    function redeemRequest(address owner) external view returns (RedeemRequest memory r, uint256) {
        r = _requests[owner];
        return (r, r.claimableAt);
    }

    /// @inheritdoc IPool
    function claimHold() external view returns (uint256) {
        return _claimHold;
    }

    /// @inheritdoc IPool
    function poolParams() external view returns (uint16, uint32, uint32, address) {
        return (_curatorFeeBps, _leverageBps, _cooldown, _depositGate);
    }

    /* INTERNAL: EXPOSURE */

    /// @dev Applies expirations up to today; returns the market's booked exposure.
    function _sync(uint256 marketId, uint64 groups) internal returns (uint256) {
        Exposure storage e = _exposure[marketId];
        uint256 today = BucketLib.at(block.timestamp);
        if (e.lastBucket >= today || e.closed) return e.booked;
        uint256 released = _pendingRelease(marketId, e);
        e.lastBucket = uint32(today);
        if (released == 0) return e.booked;
        uint128 booked = e.booked - uint128(released);
        e.booked = booked;
        _addToGroups(groups, released, false);
        _totalBooked -= uint128(released);
        return booked;
    }

    /// @dev Applies expirations on every backed market but `marketId`; returns whether any exposure was released.
    function _syncOthers(uint256 marketId) internal returns (bool) {
        uint128 total = _totalBooked;
        uint256 n = _backedMarkets.length;
        for (uint256 i; i < n; ++i) {
            uint256 id = _backedMarkets[i];
            if (id != marketId) _sync(id, _config[id].groups);
        }
        return _totalBooked < total;
    }

    /// @dev Exposure of `marketId` whose end bucket has passed but has not been released yet.
    function _pendingRelease(uint256 marketId, Exposure memory e) internal view returns (uint256 released) {
        uint256 last = Math.min(BucketLib.at(block.timestamp), e.maxEndBucket);
        for (uint256 b = uint256(e.lastBucket) + 1; b <= last; ++b) {
            released += _endingAt[marketId][b];
        }
    }

    /// @dev Cover that expired after the incident's day is added back; cover starting after it is taken out.
    /// Both walk day buckets after the incident, so the cost grows with days since the incident, never policies.
    function _eligibleAdjustment(uint256 marketId, Exposure storage e, uint256 incidentBucket)
        internal
        view
        returns (int256)
    {
        uint256 expired;
        uint256 last = Math.min(BucketLib.at(block.timestamp), e.maxEndBucket);
        for (uint256 b = incidentBucket + 1; b <= last; ++b) {
            expired += _endingAt[marketId][b];
        }
        uint256 notStarted;
        for (uint256 b = incidentBucket + 1; b <= e.maxStartBucket; ++b) {
            notStarted += _startingAt[marketId][b];
        }
        return int256(expired) - int256(notStarted);
    }

    function _book(uint256 marketId, uint64 groups, uint256 amount, uint256 startBucket, uint256 endBucket) internal {
        Exposure storage e = _exposure[marketId];
        e.booked += uint128(amount);
        if (endBucket > e.maxEndBucket) e.maxEndBucket = uint32(endBucket);
        if (startBucket > e.maxStartBucket) e.maxStartBucket = uint32(startBucket);
        _endingAt[marketId][endBucket] += amount;
        _startingAt[marketId][startBucket] += amount;
        _addToGroups(groups, amount, true);
        _totalBooked += uint128(amount);
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

    /* INTERNAL: PREMIUM STREAM */

    /// @dev Splits `premium` into fees and the LP share, and streams the LP share until `endBucket` starts.
    function _stream(uint256 premium, uint256 protocolFeeBps, uint256 endBucket)
        internal
        returns (uint256 curatorFee, uint256 protocolFee)
    {
        curatorFee = premium * _curatorFeeBps / BPS;
        protocolFee = premium * protocolFeeBps / BPS;
        _curatorFees += uint128(curatorFee);
        _protocolFees += uint128(protocolFee);

        uint256 duration = BucketLib.startTime(endBucket) - block.timestamp;
        uint256 rateX = (premium - curatorFee - protocolFee) * WAD / duration;
        // The remainder below one X unit per second is earned at once: it is never part of `_unearnedX`.
        _unearnedX += rateX * duration;
        _rateX += uint128(rateX);
        _rateEndingAt[endBucket] += rateX;
        if (endBucket > _maxRateBucket) _maxRateBucket = uint40(endBucket);
    }

    /// @dev Writes the stream accrued up to now. Exact (no division), so it changes no value; it keeps the walk
    /// over end buckets in `_accrued` short for every later call.
    function _accrue() internal {
        if (_lastAccrual == block.timestamp) return;
        (uint256 rateX, uint256 unearnedX) = _accrued();
        _rateX = uint128(rateX);
        _lastAccrual = uint40(block.timestamp);
        _unearnedX = unearnedX;
    }

    /// @dev The stream's rate and unearned premium at the current time, walking the end buckets passed since
    /// the last accrual. Each stream ends exactly at the start of its end bucket, so the sum is exact.
    function _accrued() internal view returns (uint256 rateX, uint256 unearnedX) {
        rateX = _rateX;
        unearnedX = _unearnedX;
        uint256 t = _lastAccrual;
        if (t == block.timestamp) return (rateX, unearnedX);
        uint256 last = Math.min(BucketLib.at(block.timestamp), _maxRateBucket);
        uint256 earnedX;
        for (uint256 b = BucketLib.at(t) + 1; b <= last; ++b) {
            uint256 boundary = BucketLib.startTime(b);
            earnedX += rateX * (boundary - t);
            t = boundary;
            rateX -= _rateEndingAt[b];
        }
        earnedX += rateX * (block.timestamp - t);
        unearnedX -= earnedX;
    }

    /* INTERNAL: CAPITAL */

    /// @dev Capital from stored state; callers accrue first.
    function _capital() internal view returns (uint256) {
        return _saturatingSub(_balance(), _toAssetsUp(_unearnedX) + _curatorFees + _protocolFees);
    }

    function _balance() internal view returns (uint256) {
        return IERC20(asset()).balanceOf(address(this));
    }

    function _claimable(address owner) internal view returns (RedeemRequest memory r) {
        r = _requests[owner];
        require(r.shares != 0 && r.claimableAt <= block.timestamp, ErrorsLib.RequestNotClaimable(owner, r.claimableAt));
    }

    /// @dev Burns escrowed `shares` and pays `assets` if they fit in free capital (INV-LOCK). Callers have
    /// synced every backed market and checked that no incident is open (`_syncAllAndCheckIncidents`).
    function _exit(
        RedeemRequest memory r,
        address owner,
        address receiver,
        uint256 shares,
        uint256 assets,
        uint256 cap
    ) internal {
        if (msg.sender != owner) _spendAllowance(owner, msg.sender, shares);
        uint256 free = _saturatingSub(cap, lockedCapital());
        require(assets <= free, ErrorsLib.InsufficientFreeCapital(assets, free));
        uint256 assetsAtRequest = shares.mulDivUp(r.assets, r.shares);
        _requests[owner] = RedeemRequest({
            shares: r.shares - uint120(shares),
            assets: uint96(_saturatingSub(r.assets, assetsAtRequest)),
            claimableAt: r.claimableAt
        });
        _burn(address(this), shares);
        IERC20(asset()).safeTransfer(receiver, assets);
        emit Withdraw(msg.sender, receiver, owner, assets, shares);
    }

    /// @dev Releases expired exposure on every backed market, and refuses while a backed market's trigger has
    /// an open candidate or has fired without being settled: LPs cannot run from an incident in progress.
    function _syncAllAndCheckIncidents() internal {
        uint256 n = _backedMarkets.length;
        for (uint256 i; i < n; ++i) {
            uint256 marketId = _backedMarkets[i];
            if (_exposure[marketId].closed) continue;
            address trigger = _triggerOf[marketId];
            if (trigger != address(0)) {
                TriggerState state = ITrigger(trigger).state();
                require(state == TriggerState.ACTIVE, ErrorsLib.TriggerNotActive(marketId, state));
            }
            _sync(marketId, _config[marketId].groups);
        }
    }

    function _checkGate(address receiver) internal view {
        require(_gateAllows(msg.sender, receiver), ErrorsLib.DepositorNotAllowed(receiver));
    }

    function _gateAllows(address caller, address receiver) internal view returns (bool) {
        address gate = _depositGate;
        return gate == address(0) || IDepositGate(gate).isAllowed(address(this), caller, receiver);
    }

    function _setPoolParams(uint16 curatorFeeBps, uint32 leverageBps, uint32 cooldown, address depositGate) internal {
        require(curatorFeeBps <= MAX_CURATOR_FEE_BPS, ErrorsLib.FeeTooHigh(curatorFeeBps, MAX_CURATOR_FEE_BPS));
        require(leverageBps >= BPS && leverageBps <= MAX_LEVERAGE_BPS, ErrorsLib.InvalidLeverage(leverageBps));
        require(
            cooldown >= MIN_COOLDOWN && cooldown <= MAX_COOLDOWN,
            ErrorsLib.InvalidCooldown(cooldown, MIN_COOLDOWN, MAX_COOLDOWN)
        );
        _curatorFeeBps = curatorFeeBps;
        _leverageBps = leverageBps;
        _cooldown = cooldown;
        _depositGate = depositGate;
        emit EventsLib.PoolParamsSet(curatorFeeBps, leverageBps, cooldown, depositGate);
    }

    /// @dev Virtual shares and assets (offset 6) make the first-depositor inflation attack unprofitable.
    function _decimalsOffset() internal pure override returns (uint8) {
        return 6;
    }

    /// @dev ERC-4626 conversion at a given capital, rounded down (OpenZeppelin's formula with the virtual offset).
    function _toAssetsDown(uint256 shares, uint256 cap) internal view returns (uint256) {
        return shares.mulDiv(cap + 1, totalSupply() + _virtualShares());
    }

    function _virtualShares() internal pure returns (uint256) {
        return 10 ** _decimalsOffset();
    }

    function _toAssetsUp(uint256 x) internal pure returns (uint256) {
        return x.divUp(WAD);
    }

    function _saturatingSub(uint256 a, uint256 b) internal pure returns (uint256) {
        return a > b ? a - b : 0;
    }
}
