// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IMarkets, CoverTerms} from "./interfaces/IMarkets.sol";
import {IPool} from "./interfaces/IPool.sol";
import {Market, MarketStatus, ClaimMode} from "./types/Types.sol";
import {ErrorsLib} from "./libraries/ErrorsLib.sol";
import {EventsLib} from "./libraries/EventsLib.sol";

/// @title Markets
/// @notice The registry of markets, correlation groups, pools and protocol parameters.
contract Markets is IMarkets, AccessManaged {
    uint256 internal constant MAX_DEDUCTIBLE_BPS = 5_000;
    uint256 internal constant MAX_PROTOCOL_FEE_BPS = 2_000;
    uint256 internal constant MAX_COMMISSION_BPS = 2_000;
    uint256 internal constant MAX_POOLS_PER_MARKET = 32;
    uint256 internal constant MAX_GROUPS = 64;
    uint256 internal constant MIN_PERIOD = 1 days;
    uint256 internal constant MAX_PERIOD = 2 * 365 days;

    /* STORAGE */

    mapping(uint256 marketId => Market) internal _markets;
    mapping(uint256 marketId => string) internal _termsURI;
    mapping(uint256 marketId => uint32[]) internal _marketPools;
    mapping(uint256 marketId => mapping(uint32 poolId => uint256)) internal _slotPlusOne;
    mapping(uint256 marketId => uint256) internal _minPoolCapacity;
    uint256 public marketCount;

    address[] internal _pools;
    /// @inheritdoc IMarkets
    mapping(address pool => uint32) public poolIdPlusOne;

    /// @inheritdoc IMarkets
    mapping(address asset => bool) public isCoverAsset;
    mapping(uint8 groupId => bytes32) internal _groupNames;
    /// @inheritdoc IMarkets
    uint8 public groupCount;

    // One slot: read by every purchase through `coverTerms`.
    /// @inheritdoc IMarkets
    address public treasury;
    uint16 internal _protocolFeeBps;
    uint16 internal _maxCommissionBps;
    bool internal _paused;

    /// @inheritdoc IMarkets
    address public coverManager;
    /// @inheritdoc IMarkets
    address public poolFactory;
    /// @inheritdoc IMarkets
    address public settlement;
    /// @inheritdoc IMarkets
    address public assessedClaims;

    constructor(address authority, address treasury_) AccessManaged(authority) {
        require(treasury_ != address(0), ErrorsLib.ZeroAddress());
        treasury = treasury_;
    }

    /* GOVERNANCE */

    /// @inheritdoc IMarkets
    function setModules(address coverManager_, address poolFactory_, address settlement_, address assessedClaims_)
        external
        restricted
    {
        require(coverManager == address(0), ErrorsLib.AlreadySet());
        require(
            coverManager_ != address(0) && poolFactory_ != address(0) && settlement_ != address(0)
                && assessedClaims_ != address(0),
            ErrorsLib.ZeroAddress()
        );
        coverManager = coverManager_;
        poolFactory = poolFactory_;
        settlement = settlement_;
        assessedClaims = assessedClaims_;
    }

    /// @inheritdoc IMarkets
    function createMarket(Market calldata p, string calldata terms) external restricted returns (uint256 marketId) {
        require(isCoverAsset[p.asset], ErrorsLib.AssetNotAllowed(p.asset));
        require(p.groups != 0, ErrorsLib.InvalidMarketParams("groups"));
        require(p.groups >> groupCount == 0, ErrorsLib.UnknownGroup(_highestBit(p.groups)));
        require(p.deductibleBps <= MAX_DEDUCTIBLE_BPS, ErrorsLib.InvalidMarketParams("deductibleBps"));
        require(
            p.minPeriod >= MIN_PERIOD && p.minPeriod <= p.maxPeriod && p.maxPeriod <= MAX_PERIOD,
            ErrorsLib.InvalidMarketParams("period")
        );
        require(p.maturationDelay <= 30 days, ErrorsLib.InvalidMarketParams("maturationDelay"));
        require(p.claimWindow >= 1 days && p.claimWindow <= 365 days, ErrorsLib.InvalidMarketParams("claimWindow"));
        require(
            (p.claimMode == ClaimMode.PARAMETRIC) == (p.trigger != address(0)), ErrorsLib.InvalidMarketParams("trigger")
        );
        require(
            p.minBaseRateBps <= p.baseRateBps && p.baseRateBps <= p.maxBaseRateBps,
            ErrorsLib.BaseRateOutOfBounds(p.baseRateBps, p.minBaseRateBps, p.maxBaseRateBps)
        );

        marketId = ++marketCount;
        Market storage m = _markets[marketId];
        m.asset = p.asset;
        m.status = MarketStatus.ACTIVE;
        m.claimMode = p.claimMode;
        m.payoutMode = p.payoutMode;
        m.deductibleBps = p.deductibleBps;
        m.maturationDelay = p.maturationDelay;
        m.trigger = p.trigger;
        m.minPeriod = p.minPeriod;
        m.maxPeriod = p.maxPeriod;
        m.claimWindow = p.claimWindow;
        m.groups = p.groups;
        m.baseRateBps = p.baseRateBps;
        m.minBaseRateBps = p.minBaseRateBps;
        m.maxBaseRateBps = p.maxBaseRateBps;
        m.maxRateChangePerDayBps = p.maxRateChangePerDayBps;
        m.rateUpdatedAt = uint32(block.timestamp);
        m.fastTrackLimit = p.fastTrackLimit;
        _termsURI[marketId] = terms;

        emit EventsLib.MarketCreated(marketId, p.asset, p.trigger, p.groups);
    }

    /// @inheritdoc IMarkets
    function pauseMarket(uint256 marketId) external restricted {
        _transition(marketId, MarketStatus.ACTIVE, MarketStatus.PAUSED);
    }

    /// @inheritdoc IMarkets
    function unpauseMarket(uint256 marketId) external restricted {
        _transition(marketId, MarketStatus.PAUSED, MarketStatus.ACTIVE);
    }

    /// @inheritdoc IMarkets
    function retireMarket(uint256 marketId) external restricted {
        MarketStatus status = _existing(marketId).status;
        require(
            status == MarketStatus.ACTIVE || status == MarketStatus.PAUSED,
            ErrorsLib.InvalidStatusTransition(marketId, status, MarketStatus.RETIRED)
        );
        _markets[marketId].status = MarketStatus.RETIRED;
        emit EventsLib.MarketStatusChanged(marketId, MarketStatus.RETIRED);
    }

    /// @inheritdoc IMarkets
    function markTriggered(uint256 marketId) external {
        require(msg.sender == settlement, ErrorsLib.Unauthorized(msg.sender));
        MarketStatus status = _existing(marketId).status;
        require(
            status != MarketStatus.TRIGGERED, ErrorsLib.InvalidStatusTransition(marketId, status, MarketStatus.TRIGGERED)
        );
        _markets[marketId].status = MarketStatus.TRIGGERED;
        emit EventsLib.MarketStatusChanged(marketId, MarketStatus.TRIGGERED);
    }

    /// @inheritdoc IMarkets
    function pause() external restricted {
        _paused = true;
        emit EventsLib.PausedSet(true);
    }

    /// @inheritdoc IMarkets
    function unpause() external restricted {
        _paused = false;
        emit EventsLib.PausedSet(false);
    }

    /// @inheritdoc IMarkets
    function setBaseRate(uint256 marketId, uint256 rateBps) external restricted {
        Market storage m = _existing(marketId);
        require(
            rateBps >= m.minBaseRateBps && rateBps <= m.maxBaseRateBps,
            ErrorsLib.BaseRateOutOfBounds(rateBps, m.minBaseRateBps, m.maxBaseRateBps)
        );
        uint256 current = m.baseRateBps;
        uint256 allowed = uint256(m.maxRateChangePerDayBps) * (block.timestamp - m.rateUpdatedAt) / 1 days;
        uint256 change = rateBps > current ? rateBps - current : current - rateBps;
        require(change <= allowed, ErrorsLib.BaseRateChangeTooLarge(current, rateBps, allowed));
        m.baseRateBps = uint32(rateBps);
        m.rateUpdatedAt = uint32(block.timestamp);
        emit EventsLib.BaseRateUpdated(marketId, rateBps);
    }

    /// @inheritdoc IMarkets
    function setRateBounds(uint256 marketId, uint32 minBps, uint32 maxBps, uint32 maxChangePerDayBps, uint32 rateBps)
        external
        restricted
    {
        Market storage m = _existing(marketId);
        require(minBps <= rateBps && rateBps <= maxBps, ErrorsLib.BaseRateOutOfBounds(rateBps, minBps, maxBps));
        m.minBaseRateBps = minBps;
        m.maxBaseRateBps = maxBps;
        m.maxRateChangePerDayBps = maxChangePerDayBps;
        m.baseRateBps = rateBps;
        m.rateUpdatedAt = uint32(block.timestamp);
        emit EventsLib.BaseRateUpdated(marketId, rateBps);
    }

    /// @inheritdoc IMarkets
    function createGroup(bytes32 name) external restricted returns (uint8 groupId) {
        require(groupCount < MAX_GROUPS, ErrorsLib.TooManyGroups());
        require(name != bytes32(0), ErrorsLib.InvalidMarketParams("groupName"));
        groupId = groupCount++;
        _groupNames[groupId] = name;
        emit EventsLib.GroupCreated(groupId, name);
    }

    /// @inheritdoc IMarkets
    function setCoverAsset(address asset, bool allowed) external restricted {
        require(asset != address(0), ErrorsLib.ZeroAddress());
        isCoverAsset[asset] = allowed;
        emit EventsLib.CoverAssetSet(asset, allowed);
    }

    /// @inheritdoc IMarkets
    function setProtocolParams(address treasury_, uint16 protocolFeeBps, uint16 maxCommissionBps) external restricted {
        require(treasury_ != address(0), ErrorsLib.ZeroAddress());
        require(protocolFeeBps <= MAX_PROTOCOL_FEE_BPS, ErrorsLib.FeeTooHigh(protocolFeeBps, MAX_PROTOCOL_FEE_BPS));
        require(maxCommissionBps <= MAX_COMMISSION_BPS, ErrorsLib.FeeTooHigh(maxCommissionBps, MAX_COMMISSION_BPS));
        treasury = treasury_;
        _protocolFeeBps = protocolFeeBps;
        _maxCommissionBps = maxCommissionBps;
        emit EventsLib.ProtocolParamsSet(treasury_, protocolFeeBps, maxCommissionBps);
    }

    /* MODULES */

    /// @inheritdoc IMarkets
    function registerPool(address pool_, address curator) external returns (uint32 poolId) {
        require(msg.sender == poolFactory, ErrorsLib.Unauthorized(msg.sender));
        poolId = uint32(_pools.length);
        _pools.push(pool_);
        poolIdPlusOne[pool_] = poolId + 1;
        emit EventsLib.PoolRegistered(poolId, pool_, curator);
    }

    /// @inheritdoc IMarkets
    function addMarketPool(uint256 marketId) external {
        uint32 idPlusOne = poolIdPlusOne[msg.sender];
        require(idPlusOne != 0, ErrorsLib.Unauthorized(msg.sender));
        MarketStatus status = _existing(marketId).status;
        require(status == MarketStatus.ACTIVE, ErrorsLib.MarketNotActive(marketId, status));
        uint32 poolId = idPlusOne - 1;
        if (_slotPlusOne[marketId][poolId] != 0) return;
        uint32[] storage list = _marketPools[marketId];
        require(list.length < MAX_POOLS_PER_MARKET, ErrorsLib.TooManyPools(MAX_POOLS_PER_MARKET));
        list.push(poolId);
        _slotPlusOne[marketId][poolId] = list.length;
        emit EventsLib.MarketPoolAdded(marketId, poolId);
    }

    /// @inheritdoc IMarkets
    function removeMarketPool(uint256 marketId, uint32 poolId) external {
        MarketStatus status = _existing(marketId).status;
        require(
            status != MarketStatus.TRIGGERED,
            ErrorsLib.InvalidStatusTransition(marketId, status, MarketStatus.TRIGGERED)
        );
        uint256 slot = _slotPlusOne[marketId][poolId];
        require(slot != 0, ErrorsLib.NotMarketPool(marketId, poolId));
        IPool pool_ = IPool(_pools[poolId]);
        uint256 capacity = pool_.capacity(marketId);
        uint256 exposure = pool_.exposure(marketId);
        require(
            capacity < minPoolCapacity(marketId) && exposure == 0,
            ErrorsLib.PoolStillBacking(marketId, poolId, capacity, exposure)
        );
        uint32[] storage list = _marketPools[marketId];
        uint32 moved = list[list.length - 1];
        list[slot - 1] = moved;
        _slotPlusOne[marketId][moved] = slot;
        list.pop();
        delete _slotPlusOne[marketId][poolId];
        pool_.delist(marketId);
        emit EventsLib.MarketPoolRemoved(marketId, poolId);
    }

    /// @inheritdoc IMarkets
    function setMinPoolCapacity(uint256 marketId, uint256 minCapacity) external restricted {
        _existing(marketId);
        _minPoolCapacity[marketId] = minCapacity;
        emit EventsLib.MinPoolCapacitySet(marketId, minCapacity);
    }

    /* VIEWS */

    /// @inheritdoc IMarkets
    function market(uint256 marketId) external view returns (Market memory) {
        return _existing(marketId);
    }

    /// @inheritdoc IMarkets
    function coverTerms(uint256 marketId) external view returns (CoverTerms memory terms) {
        terms.market = _existing(marketId);
        terms.paused = _paused;
        terms.protocolFeeBps = _protocolFeeBps;
        terms.maxCommissionBps = _maxCommissionBps;
    }

    /// @inheritdoc IMarkets
    function marketStatus(uint256 marketId) external view returns (MarketStatus) {
        return _markets[marketId].status;
    }

    /// @inheritdoc IMarkets
    function termsURI(uint256 marketId) external view returns (string memory) {
        _existing(marketId);
        return _termsURI[marketId];
    }

    /// @inheritdoc IMarkets
    function pool(uint256 poolId) external view returns (address) {
        require(poolId < _pools.length, ErrorsLib.UnknownPool(poolId));
        return _pools[poolId];
    }

    /// @inheritdoc IMarkets
    function poolCount() external view returns (uint256) {
        return _pools.length;
    }

    /// @inheritdoc IMarkets
    function backingTerms(uint256 marketId)
        external
        view
        returns (address, MarketStatus, ClaimMode, uint64, address, uint32)
    {
        Market storage m = _existing(marketId);
        return (m.asset, m.status, m.claimMode, m.groups, m.trigger, m.claimWindow);
    }

    /// @inheritdoc IMarkets
    function minPoolCapacity(uint256 marketId) public view returns (uint256) {
        uint256 min = _minPoolCapacity[marketId];
        return min == 0 ? 1 : min;
    }

    /// @inheritdoc IMarkets
    function marketPools(uint256 marketId) external view returns (uint32[] memory) {
        return _marketPools[marketId];
    }

    /// @inheritdoc IMarkets
    function groupName(uint8 groupId) external view returns (bytes32) {
        return _groupNames[groupId];
    }

    /// @notice Protocol-wide parameters: paused, protocol fee and commission cap.
    function protocolParams() external view returns (bool paused, uint16 protocolFeeBps, uint16 maxCommissionBps) {
        return (_paused, _protocolFeeBps, _maxCommissionBps);
    }

    /// @inheritdoc IMarkets
    function tvc(uint256 marketId) public view returns (uint256 covered) {
        uint32[] storage list = _marketPools[marketId];
        for (uint256 i; i < list.length; ++i) {
            covered += IPool(_pools[list[i]]).coverInForce(marketId);
        }
    }

    /// @inheritdoc IMarkets
    function totalTvc() external view returns (uint256 covered) {
        for (uint256 id = 1; id <= marketCount; ++id) {
            covered += tvc(id);
        }
    }

    /* INTERNAL */

    function _existing(uint256 marketId) internal view returns (Market storage m) {
        m = _markets[marketId];
        require(m.status != MarketStatus.NONE, ErrorsLib.UnknownMarket(marketId));
    }

    function _transition(uint256 marketId, MarketStatus from, MarketStatus to) internal {
        MarketStatus status = _existing(marketId).status;
        require(status == from, ErrorsLib.InvalidStatusTransition(marketId, status, to));
        _markets[marketId].status = to;
        emit EventsLib.MarketStatusChanged(marketId, to);
    }

    function _highestBit(uint64 mask) internal pure returns (uint256 bit) {
        while (mask > 1) {
            mask >>= 1;
            ++bit;
        }
    }
}
