// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {BaseTest} from "./BaseTest.sol";
import {MockTrigger} from "../../src/mocks/MockTrigger.sol";
import {Pool} from "../../src/Pool.sol";
import {IPayoutReceiver} from "../../src/interfaces/IPayoutReceiver.sol";
import {AssessorRules, Claim, ClaimStatus} from "../../src/interfaces/IAssessedClaims.sol";
import {Market, PayoutMode, BuyCoverParams} from "../../src/types/Types.sol";

/// @notice A policy holder contract that records the payout callback (cheaply: the callback has a gas cap).
contract RecordingReceiver is IPayoutReceiver {
    event Notified(uint256 policyId, address asset, uint256 amount);

    uint256 public lastAmount;

    function onBackstopPayout(uint256 policyId, address asset, uint256 amount) external {
        lastAmount = amount;
        emit Notified(policyId, asset, amount);
    }
}

/// @notice A policy holder contract whose callback always reverts.
contract RevertingReceiver is IPayoutReceiver {
    function onBackstopPayout(uint256, address, uint256) external pure {
        revert("no");
    }
}

/// @notice A policy holder contract whose callback burns all the gas it is given.
contract GasBurningReceiver is IPayoutReceiver {
    uint256 public sink;

    function onBackstopPayout(uint256, address, uint256) external {
        while (true) {
            ++sink;
        }
    }
}

/// @notice Helpers shared by the claims suites: custom markets, buying for an owner, assessor groups.
abstract contract ClaimsBase is BaseTest {
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal challenger = makeAddr("challenger");
    address internal stranger = makeAddr("stranger");
    address internal assessor1 = makeAddr("assessor1");
    address internal assessor2 = makeAddr("assessor2");
    address internal assessor3 = makeAddr("assessor3");

    uint32 internal constant VOTING_PERIOD = 3 days;
    uint32 internal constant LATE_WINDOW = 1 days;
    uint32 internal constant COOLDOWN = 2 days;
    uint16 internal constant QUORUM = 2;

    function _marketWith(Market memory m) internal returns (uint256 id) {
        vm.prank(governance);
        id = markets.createMarket(m, "ipfs://terms");
    }

    function _parametric(MockTrigger trigger, PayoutMode mode, uint16 deductibleBps) internal returns (uint256) {
        Market memory m = _marketParams(address(trigger));
        m.payoutMode = mode;
        m.deductibleBps = deductibleBps;
        return _marketWith(m);
    }

    /// @dev The curator backs `marketId`; a pool with shares applies it through its timelock.
    function _back(Pool pool, uint256 marketId, uint16 weightBps) internal {
        _curatorApply(address(pool), abi.encodeCall(pool.setMarketConfig, (marketId, weightBps, _curve(), false)));
    }

    function _buyFor(address owner, uint256 marketId, uint256 amount, uint256 period, uint32[] memory pools)
        internal
        returns (uint256 policyId)
    {
        BuyCoverParams memory p = _buyParams(marketId, amount, period, pools);
        p.owner = owner;
        usdc.mint(buyer, amount);
        vm.startPrank(buyer);
        usdc.approve(address(cover), type(uint256).max);
        (policyId,) = cover.buyCover(p);
        vm.stopPrank();
    }

    function _rules() internal pure returns (AssessorRules memory) {
        return AssessorRules({
            votingPeriod: VOTING_PERIOD, lateVoteWindow: LATE_WINDOW, cooldown: COOLDOWN, quorum: QUORUM, members: 0
        });
    }

    function _members() internal view returns (address[] memory list) {
        list = new address[](3);
        (list[0], list[1], list[2]) = (assessor1, assessor2, assessor3);
    }

    function _assessorGroupFor(uint256 marketId) internal returns (uint256 groupId) {
        vm.startPrank(governance);
        groupId = claims.createAssessorGroup(_members(), _rules());
        claims.setMarketAssessors(marketId, groupId);
        vm.stopPrank();
    }

    function _submitAs(address owner, uint256 policyId, uint256 amount) internal returns (uint256 claimId) {
        usdc.mint(owner, amount);
        vm.startPrank(owner);
        usdc.approve(address(claims), type(uint256).max);
        claimId = claims.submitClaim(policyId, amount, "ipfs://evidence");
        vm.stopPrank();
    }

    function _challengeAs(address who, uint256 claimId) internal {
        usdc.mint(who, claims.claimOf(claimId).amount);
        vm.startPrank(who);
        usdc.approve(address(claims), type(uint256).max);
        claims.challenge(claimId);
        vm.stopPrank();
    }

    function _vote(address who, uint256 claimId, bool approve) internal {
        vm.prank(who);
        claims.vote(claimId, approve);
    }

    function _status(uint256 claimId) internal view returns (ClaimStatus) {
        return claims.claimOf(claimId).status;
    }

    function _claim(uint256 claimId) internal view returns (Claim memory) {
        return claims.claimOf(claimId);
    }

    function _requestAll(Pool pool, address who) internal returns (uint256 shares) {
        shares = pool.balanceOf(who);
        vm.prank(who);
        pool.requestRedeem(shares, who, who);
    }
}

/// @notice Fixture for the assessed-claims suites: one ASSESSED market (fast-track limit 10,000, deductible 10%)
/// backed by one pool of 1,000,000 at 50% weight, and a three-member assessor group (quorum 2).
abstract contract AssessedBase is ClaimsBase {
    uint256 internal marketId;
    Pool internal pool;
    uint32 internal poolId;
    uint256 internal groupId;

    uint256 internal constant FAST_LIMIT = 10_000e6;

    function setUp() public virtual override {
        super.setUp();
        marketId = _createMarket(address(0));
        (pool, poolId) = _createPool(marketId, 5_000);
        _deposit(pool, lp, 1_000_000e6);
        groupId = _assessorGroupFor(marketId);
    }

    function _policy(uint256 amount) internal returns (uint256 policyId) {
        policyId = _buyFor(buyer, marketId, amount, 90 days, _one(poolId));
    }

    /// @dev A fast-track claim of `amount` on a fresh 100,000 policy.
    function _fastClaim(uint256 amount) internal returns (uint256 policyId, uint256 claimId) {
        policyId = _policy(100_000e6);
        claimId = _submitAs(buyer, policyId, amount);
    }

    /// @dev A claim above the fast-track limit on a fresh 100,000 policy: it goes straight to a vote.
    function _votingClaim(uint256 amount) internal returns (uint256 policyId, uint256 claimId) {
        policyId = _policy(100_000e6);
        claimId = _submitAs(buyer, policyId, amount);
    }
}
