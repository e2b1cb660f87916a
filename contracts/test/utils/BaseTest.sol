// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {Markets} from "../../src/Markets.sol";
import {CoverManager} from "../../src/CoverManager.sol";
import {PoolFactory} from "../../src/PoolFactory.sol";
import {Pool} from "../../src/Pool.sol";
import {PoolLens} from "../../src/lens/PoolLens.sol";
import {Settlement} from "../../src/Settlement.sol";
import {AssessedClaims} from "../../src/AssessedClaims.sol";
import {ICoverManager} from "../../src/interfaces/ICoverManager.sol";
import {MockStable} from "../../src/mocks/MockStable.sol";
import {IMarkets} from "../../src/interfaces/IMarkets.sol";
import {Market, MarketStatus, ClaimMode, PayoutMode, RateCurve, BuyCoverParams} from "../../src/types/Types.sol";
import {TestTrigger} from "./TestTrigger.sol";
import {AssessorRules} from "../../src/interfaces/IAssessedClaims.sol";

/// @notice Deploys the protocol the way production does: an AccessManager with a timelocked governance
/// role, a guardian role and a risk-oracle role, the registry, the cover manager and the pool factory.
abstract contract BaseTest is Test {
    uint64 internal constant GOVERNANCE_ROLE = 1;
    uint64 internal constant GUARDIAN_ROLE = 2;
    uint64 internal constant RISK_ORACLE_ROLE = 3;

    address internal governance = makeAddr("governance");
    address internal guardian = makeAddr("guardian");
    address internal riskOracle = makeAddr("riskOracle");
    address internal treasury = makeAddr("treasury");
    address internal curator = makeAddr("curator");
    address internal buyer = makeAddr("buyer");
    address internal lp = makeAddr("lp");
    address internal integrator = makeAddr("integrator");
    Settlement internal settlement;
    AssessedClaims internal claims;

    PoolLens internal lens;
    AccessManager internal manager;
    Markets internal markets;
    CoverManager internal cover;
    PoolFactory internal factory;
    MockStable internal usdc;

    uint8 internal groupStables;
    uint8 internal groupEth;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        usdc = new MockStable("USD Coin", "USDC");
        manager = new AccessManager(address(this));
        markets = new Markets(address(manager), treasury);
        cover = new CoverManager(IMarkets(address(markets)));
        factory = new PoolFactory(IMarkets(address(markets)));
        settlement = new Settlement(IMarkets(address(markets)), ICoverManager(address(cover)));
        claims = new AssessedClaims(address(manager), IMarkets(address(markets)), ICoverManager(address(cover)));
        lens = new PoolLens(IMarkets(address(markets)));
        _configureAccess();

        vm.startPrank(governance);
        markets.setModules(address(cover), address(factory), address(settlement), address(claims));
        markets.setCoverAsset(address(usdc), true);
        markets.setProtocolParams(treasury, 500, 1_000);
        groupStables = markets.createGroup("stablecoins");
        groupEth = markets.createGroup("ethereum-l1");
        vm.stopPrank();
    }

    function _configureAccess() internal {
        bytes4[] memory govSelectors = new bytes4[](8);
        govSelectors[0] = Markets.createMarket.selector;
        govSelectors[1] = Markets.unpauseMarket.selector;
        govSelectors[2] = Markets.retireMarket.selector;
        govSelectors[3] = Markets.unpause.selector;
        govSelectors[4] = Markets.setRateBounds.selector;
        govSelectors[5] = Markets.createGroup.selector;
        govSelectors[6] = Markets.setCoverAsset.selector;
        govSelectors[7] = Markets.setProtocolParams.selector;
        manager.setTargetFunctionRole(address(markets), govSelectors, GOVERNANCE_ROLE);
        bytes4[] memory modules = new bytes4[](2);
        modules[0] = Markets.setModules.selector;
        modules[1] = Markets.setMinPoolCapacity.selector;
        manager.setTargetFunctionRole(address(markets), modules, GOVERNANCE_ROLE);
        bytes4[] memory guardianSelectors = new bytes4[](2);
        guardianSelectors[0] = Markets.pauseMarket.selector;
        guardianSelectors[1] = Markets.pause.selector;
        manager.setTargetFunctionRole(address(markets), guardianSelectors, GUARDIAN_ROLE);
        bytes4[] memory oracleSelectors = new bytes4[](1);
        oracleSelectors[0] = Markets.setBaseRate.selector;
        manager.setTargetFunctionRole(address(markets), oracleSelectors, RISK_ORACLE_ROLE);
        bytes4[] memory claimSelectors = new bytes4[](4);
        claimSelectors[0] = AssessedClaims.voidClaim.selector;
        claimSelectors[1] = AssessedClaims.createAssessorGroup.selector;
        claimSelectors[2] = AssessedClaims.setMarketAssessors.selector;
        claimSelectors[3] = AssessedClaims.setClaimParams.selector;
        manager.setTargetFunctionRole(address(claims), claimSelectors, GOVERNANCE_ROLE);
        // Tests grant governance without an execution delay; production deploys use a delay (the timelock).
        manager.grantRole(GOVERNANCE_ROLE, governance, 0);
        manager.grantRole(GUARDIAN_ROLE, guardian, 0);
        manager.grantRole(GUARDIAN_ROLE, governance, 0);
        manager.grantRole(RISK_ORACLE_ROLE, riskOracle, 0);
    }

    function _marketParams(address trigger) internal view returns (Market memory m) {
        m.asset = address(usdc);
        m.claimMode = trigger == address(0) ? ClaimMode.ASSESSED : ClaimMode.PARAMETRIC;
        m.payoutMode = PayoutMode.BINARY;
        m.deductibleBps = 1_000;
        m.maturationDelay = 0;
        m.trigger = trigger;
        m.minPeriod = 7 days;
        m.maxPeriod = 365 days;
        m.claimWindow = 30 days;
        m.groups = uint64(1) << groupEth;
        m.baseRateBps = 200;
        m.minBaseRateBps = 50;
        m.maxBaseRateBps = 2_000;
        m.maxRateChangePerDayBps = 50;
        m.fastTrackLimit = 10_000e6;
    }

    function _createMarket(address trigger) internal returns (uint256 id) {
        vm.prank(governance);
        id = markets.createMarket(_marketParams(trigger), "ipfs://terms");
        if (trigger == address(0)) _ensureAssessors(id);
    }

    uint256 internal defaultAssessorGroup;

    /// @dev An ASSESSED market sells cover only once it has assessors: give it a default group of three.
    function _ensureAssessors(uint256 marketId) internal {
        vm.startPrank(governance);
        if (defaultAssessorGroup == 0) {
            address[] memory members = new address[](3);
            members[0] = makeAddr("assessor-a");
            members[1] = makeAddr("assessor-b");
            members[2] = makeAddr("assessor-c");
            defaultAssessorGroup = claims.createAssessorGroup(
                members,
                AssessorRules({votingPeriod: 3 days, lateVoteWindow: 1 days, cooldown: 1 days, quorum: 2, members: 0})
            );
        }
        claims.setMarketAssessors(marketId, defaultAssessorGroup);
        vm.stopPrank();
    }

    function _curve() internal pure returns (RateCurve memory) {
        return RateCurve({baseRateBps: 200, slope1Bps: 300, slope2Bps: 3_000, kinkBps: 8_000});
    }

    function _createPool(uint256 marketId, uint16 weightBps) internal returns (Pool pool, uint32 poolId) {
        address addr;
        (addr, poolId) = factory.createPool(IERC20(address(usdc)), "Backstop Pool", "bpUSDC", curator, 1_000, 30_000, 7 days);
        pool = Pool(addr);
        vm.startPrank(curator);
        pool.setGroupCap(groupEth, 10_000);
        pool.setGroupCap(groupStables, 10_000);
        if (marketId != 0) pool.setMarketConfig(marketId, weightBps, _curve(), false);
        vm.stopPrank();
    }

    function _deposit(Pool pool, address who, uint256 assets) internal returns (uint256 shares) {
        usdc.mint(who, assets);
        vm.startPrank(who);
        usdc.approve(address(pool), assets);
        shares = pool.deposit(assets, who);
        vm.stopPrank();
    }

    function _buyParams(uint256 marketId, uint256 amount, uint256 period, uint32[] memory pools)
        internal
        view
        returns (BuyCoverParams memory)
    {
        return BuyCoverParams({
            marketId: marketId,
            amount: amount,
            period: period,
            pools: pools,
            maxPremium: type(uint256).max,
            owner: buyer,
            integrator: address(0),
            commissionBps: 0
        });
    }

    function _buy(uint256 marketId, uint256 amount, uint256 period, uint32[] memory pools)
        internal
        returns (uint256 policyId, uint256 premium)
    {
        usdc.mint(buyer, amount);
        vm.startPrank(buyer);
        usdc.approve(address(cover), type(uint256).max);
        (policyId, premium) = cover.buyCover(_buyParams(marketId, amount, period, pools));
        vm.stopPrank();
    }

    function _one(uint32 poolId) internal pure returns (uint32[] memory list) {
        list = new uint32[](1);
        list[0] = poolId;
    }

    /* Helpers added for the unit, integration and invariant suites. */

    /// @dev A PARAMETRIC market over a fresh settable trigger.
    function _createParametricMarket() internal returns (uint256 id, TestTrigger trigger) {
        trigger = new TestTrigger();
        id = _createMarket(address(trigger));
    }

    /// @dev A market with custom correlation groups and maturation delay.
    function _createMarketWith(uint64 groups, uint32 maturationDelay) internal returns (uint256 id) {
        Market memory m = _marketParams(address(0));
        m.groups = groups;
        m.maturationDelay = maturationDelay;
        vm.prank(governance);
        id = markets.createMarket(m, "ipfs://terms");
        _ensureAssessors(id);
    }

    function _requestRedeem(Pool pool, address who, uint256 shares) internal returns (uint256 claimableAt) {
        vm.prank(who);
        pool.requestRedeem(shares, who, who);
        (,, claimableAt) = pool.redeemRequest(who);
    }

    /// @dev Makes a curator call on `pool` and, when it was queued behind the pool's timelock, waits the
    /// timelock out and makes it again so that it applies.
    function _curatorApply(address pool, bytes memory data) internal {
        vm.prank(curator);
        (bool ok, bytes memory ret) = pool.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        uint256 at = Pool(pool).pendingChange(keccak256(data));
        if (at == 0) return;
        vm.warp(at);
        vm.prank(curator);
        (ok, ret) = pool.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
    }

    /// @dev When cover ending at `end` stops being booked: the first day boundary at or after `end` plus the
    /// market's release delay (MAX_INCIDENT_LOOKBACK for parametric markets, the claim window for assessed ones).
    function _releaseTime(uint256 end, uint256 delay) internal pure returns (uint256) {
        return (end + 1 days - 1) / 1 days * 1 days + delay;
    }

    /// @dev A controller's redeem request as a struct.
    struct Req {
        uint256 shares;
        uint256 assets;
        uint256 claimableAt;
    }

    function _req(Pool pool, address who) internal view returns (Req memory r) {
        (r.shares, r.assets, r.claimableAt) = pool.redeemRequest(who);
    }

    function _two(uint32 a, uint32 b) internal pure returns (uint32[] memory list) {
        list = new uint32[](2);
        list[0] = a;
        list[1] = b;
    }

    function _three(uint32 a, uint32 b, uint32 c) internal pure returns (uint32[] memory list) {
        list = new uint32[](3);
        list[0] = a;
        list[1] = b;
        list[2] = c;
    }

    function _fund(address who, uint256 amount) internal {
        usdc.mint(who, amount);
        vm.prank(who);
        usdc.approve(address(cover), type(uint256).max);
    }

    /// @dev Share price with 18 decimals of precision (assets per 1e18 shares), rounded down.
    function _price(Pool pool) internal view returns (uint256) {
        return pool.convertToAssets(1e18 * 1e12);
    }
}
