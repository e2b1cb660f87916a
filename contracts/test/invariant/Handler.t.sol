// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {CoverManager} from "../../src/CoverManager.sol";
import {Pool} from "../../src/Pool.sol";
import {MockStable} from "../../src/mocks/MockStable.sol";
import {BuyCoverParams, RateCurve} from "../../src/types/Types.sol";

/// @notice Drives LPs, buyers, the curator and time across the pools, with ghost accounting for the invariants.
contract Handler is Test {
    CoverManager internal cover;
    MockStable internal usdc;
    address internal curator;
    address internal buyer;
    address internal deployer;

    Pool[] public pools;
    uint32[] internal poolIds;
    uint256[] public marketIds;
    uint8[] public groups;
    address[] public lps;

    // Ghosts, per pool index.
    mapping(uint256 => uint256) public ghostDeposited;
    mapping(uint256 => uint256) public ghostReceived;
    mapping(uint256 => uint256) public ghostLpPremium;
    mapping(uint256 => mapping(address => uint256)) public ghostDepositedBy;
    mapping(uint256 => mapping(address => uint256)) public ghostReceivedBy;
    uint256 public ghostLockViolations;
    uint256 public ghostPriceDecreases;
    uint256 public ghostRedemptions;
    uint256 public ghostCoverBought;

    mapping(bytes32 => uint256) public calls;

    constructor(
        CoverManager cover_,
        MockStable usdc_,
        address curator_,
        address buyer_,
        Pool[] memory pools_,
        uint32[] memory poolIds_,
        uint256[] memory marketIds_,
        uint8[] memory groups_
    ) {
        cover = cover_;
        usdc = usdc_;
        curator = curator_;
        buyer = buyer_;
        deployer = msg.sender;
        pools = pools_;
        poolIds = poolIds_;
        marketIds = marketIds_;
        groups = groups_;
        lps.push(makeAddr("lp0"));
        lps.push(makeAddr("lp1"));
        lps.push(makeAddr("lp2"));
    }

    /// @notice Books deposits made before the campaign starts. Deployer only.
    function recordSeedDeposit(uint256 i, address who, uint256 assets) external {
        require(msg.sender == deployer, "deployer only");
        ghostDeposited[i] += assets;
        ghostDepositedBy[i][who] += assets;
    }

    function poolCount() external view returns (uint256) {
        return pools.length;
    }

    function lpCount() external view returns (uint256) {
        return lps.length;
    }

    /// @notice Share price with the ERC-4626 virtual amounts (offset 6), scaled by 1e36.
    function price(Pool pool) public view returns (uint256) {
        return Math.mulDiv(pool.totalAssets() + 1, 1e36, pool.totalSupply() + 1e6);
    }

    modifier tracked(bytes32 name) {
        calls[name]++;
        uint256[] memory before = new uint256[](pools.length);
        for (uint256 i; i < pools.length; ++i) {
            before[i] = price(pools[i]);
        }
        _;
        for (uint256 i; i < pools.length; ++i) {
            if (price(pools[i]) < before[i]) ghostPriceDecreases++;
        }
    }

    /* LPs */

    function deposit(uint256 lpSeed, uint256 poolSeed, uint256 assets) external tracked("deposit") {
        address who = lps[lpSeed % lps.length];
        uint256 i = poolSeed % pools.length;
        Pool pool = pools[i];
        assets = bound(assets, 1, 2_000_000e6);
        usdc.mint(who, assets);
        vm.startPrank(who);
        usdc.approve(address(pool), assets);
        pool.deposit(assets, who);
        vm.stopPrank();
        ghostDeposited[i] += assets;
        ghostDepositedBy[i][who] += assets;
    }

    function requestRedeem(uint256 lpSeed, uint256 poolSeed, uint256 shares) external tracked("requestRedeem") {
        address who = lps[lpSeed % lps.length];
        Pool pool = pools[poolSeed % pools.length];
        uint256 balance = pool.balanceOf(who);
        if (balance == 0) return;
        shares = bound(shares, 1, balance);
        vm.prank(who);
        pool.requestRedeem(shares, who, who);
    }

    function redeem(uint256 lpSeed, uint256 poolSeed, uint256 shares) external tracked("redeem") {
        address who = lps[lpSeed % lps.length];
        uint256 i = poolSeed % pools.length;
        Pool pool = pools[i];
        uint256 max = pool.maxRedeem(who);
        if (max == 0) return;
        shares = bound(shares, 1, max);
        uint256 balance = usdc.balanceOf(who);
        vm.prank(who);
        uint256 assets = pool.redeem(shares, who, who);
        assertEq(usdc.balanceOf(who) - balance, assets);
        _afterExit(i, who, assets);
    }

    function withdraw(uint256 lpSeed, uint256 poolSeed, uint256 assets) external tracked("withdraw") {
        address who = lps[lpSeed % lps.length];
        uint256 i = poolSeed % pools.length;
        Pool pool = pools[i];
        uint256 max = pool.maxWithdraw(who);
        if (max == 0) return;
        assets = bound(assets, 1, max);
        (uint256 rShares, uint256 rAssets,) = pool.redeemRequest(who);
        // A withdrawal must be coverable by the escrowed shares at both prices.
        if (Math.mulDiv(assets, rShares, rAssets, Math.Rounding.Ceil) > rShares) return;
        uint256 atExitPrice =
            Math.mulDiv(assets, pool.totalSupply() + 1e6, pool.exitCapital() + 1, Math.Rounding.Ceil);
        if (atExitPrice > rShares) return;
        vm.prank(who);
        pool.withdraw(assets, who, who);
        _afterExit(i, who, assets);
    }

    function _afterExit(uint256 i, address who, uint256 assets) internal {
        Pool pool = pools[i];
        ghostRedemptions++;
        ghostReceived[i] += assets;
        ghostReceivedBy[i][who] += assets;
        if (pool.capital() < pool.lockedCapital()) ghostLockViolations++;
    }

    /* BUYERS */

    function buyCover(uint256 marketSeed, uint256 amount, uint256 period, uint256 orderSeed)
        external
        tracked("buyCover")
    {
        uint256 marketId = marketIds[marketSeed % marketIds.length];
        period = bound(period, 7 days, 120 days);
        uint32[] memory order = _order(orderSeed);
        uint256 free;
        for (uint256 k; k < order.length; ++k) {
            free += _poolById(order[k]).freeCapacity(marketId);
        }
        if (free == 0) return;
        amount = bound(amount, 1, free);

        uint256 n = pools.length;
        uint256[] memory bal = new uint256[](n);
        uint256[] memory fees = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            bal[i] = usdc.balanceOf(address(pools[i]));
            (uint256 c, uint256 p) = pools[i].feesOwed();
            fees[i] = c + p;
        }
        usdc.mint(buyer, 10_000_000e6);
        vm.startPrank(buyer);
        usdc.approve(address(cover), type(uint256).max);
        cover.buyCover(
            BuyCoverParams({
                marketId: marketId,
                amount: amount,
                period: period,
                pools: order,
                maxPremium: type(uint256).max,
                owner: buyer,
                integrator: address(0),
                commissionBps: 0
            })
        );
        vm.stopPrank();
        ghostCoverBought += amount;
        for (uint256 i; i < n; ++i) {
            uint256 premium = usdc.balanceOf(address(pools[i])) - bal[i];
            (uint256 c, uint256 p) = pools[i].feesOwed();
            ghostLpPremium[i] += premium - (c + p - fees[i]);
        }
    }

    /// @dev A permutation of 1 to 3 pool ids derived from the seed.
    function _order(uint256 seed) internal view returns (uint32[] memory order) {
        uint256 n = 1 + seed % poolIds.length;
        order = new uint32[](n);
        uint256 start = (seed >> 8) % poolIds.length;
        bool reverse = (seed >> 16) % 2 == 1;
        for (uint256 k; k < n; ++k) {
            uint256 idx = reverse ? (start + poolIds.length - k) % poolIds.length : (start + k) % poolIds.length;
            order[k] = poolIds[idx];
        }
    }

    function _poolById(uint32 id) internal view returns (Pool) {
        for (uint256 i; i < poolIds.length; ++i) {
            if (poolIds[i] == id) return pools[i];
        }
        revert("unknown pool");
    }

    /* CURATOR */

    /// @notice Moves a group cap within the rules: never above 100% and never below current exposure.
    function setGroupCap(uint256 poolSeed, uint256 groupSeed, uint256 capBps) external tracked("setGroupCap") {
        Pool pool = pools[poolSeed % pools.length];
        uint8 g = groups[groupSeed % groups.length];
        (uint256 booked,) = pool.groupExposure(g);
        uint256 capital = pool.capital();
        if (capital == 0) return;
        uint256 minCap = Math.mulDiv(booked, 10_000, capital, Math.Rounding.Ceil);
        if (minCap > 10_000) return;
        capBps = bound(capBps, Math.max(minCap, 1), 10_000);
        vm.prank(curator);
        pool.setGroupCap(g, uint16(capBps));
    }

    /// @notice Moves a market's capacity weight (0 to 100%) and curve slopes.
    function setWeight(uint256 poolSeed, uint256 marketSeed, uint256 weightBps, uint256 slope)
        external
        tracked("setWeight")
    {
        Pool pool = pools[poolSeed % pools.length];
        uint256 marketId = marketIds[marketSeed % marketIds.length];
        weightBps = bound(weightBps, 0, 10_000);
        RateCurve memory curve = RateCurve({
            baseRateBps: 200,
            slope1Bps: uint32(bound(slope, 0, 1_000)),
            slope2Bps: 3_000,
            kinkBps: 8_000
        });
        vm.prank(curator);
        pool.setMarketConfig(marketId, uint16(weightBps), curve, slope % 2 == 0);
    }

    function claimFees(uint256 poolSeed) external tracked("claimFees") {
        Pool pool = pools[poolSeed % pools.length];
        vm.prank(curator);
        pool.claimCuratorFees(curator);
        pool.claimProtocolFees();
    }

    /* TIME */

    function warp(uint256 secs) external tracked("warp") {
        secs = bound(secs, 1 minutes, 60 days);
        vm.warp(block.timestamp + secs);
    }

    function sync(uint256 poolSeed, uint256 marketSeed) external tracked("sync") {
        pools[poolSeed % pools.length].sync(marketIds[marketSeed % marketIds.length]);
    }
}
