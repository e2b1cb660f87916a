// SPDX-License-Identifier: BUSL-1.1
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IInsuredVault, HeldPolicy} from "./interfaces/IInsuredVault.sol";
import {ICoverManager, Policy} from "../interfaces/ICoverManager.sol";
import {IMarkets} from "../interfaces/IMarkets.sol";
import {IPoolLens, Quote} from "../interfaces/IPoolLens.sol";
import {IDepositGate} from "../interfaces/IDepositGate.sol";
import {IPayoutReceiver} from "../interfaces/IPayoutReceiver.sol";
import {BuyCoverParams} from "../types/Types.sol";
import {BPS} from "../libraries/ConstantsLib.sol";
import {PeripheryErrors} from "./libraries/PeripheryErrors.sol";
import {PeripheryEvents} from "./libraries/PeripheryEvents.sol";

/// @title InsuredVault
/// @notice ERC-4626 over an underlying yield vault (`SOURCE`) with the same asset as the cover market. Deposits go
/// into the source; a keeper keeps `targetBps` of the assets covered, paying premiums from yield; payouts are paid
/// to this vault as policy holder and raise totalAssets, so the share price is made whole after an incident.
/// @dev INV-VAULT-COVERED: after every successful rollCover, coverageRatio() >= targetBps.
/// INV-VAULT-PRINCIPAL: premiums are paid only from totalAssets - principal.
/// The source gets a standing max approval at construction (it is trusted by the vault's owner, as any ERC-4626
/// strategy is); the cover manager is approved for the exact premium and reset to zero in the same call.
contract InsuredVault is IInsuredVault, ERC4626, Ownable2Step, ReentrancyGuardTransient, IPayoutReceiver, IERC721Receiver {
    using SafeERC20 for IERC20;
    using Math for uint256;

    /// @dev Bounds the live policy list (the keeper's loop and the reporting view).
    uint256 public constant MAX_POLICIES = 32;

    IERC4626 public immutable SOURCE;
    ICoverManager public immutable COVER;
    IMarkets public immutable MARKETS;
    IPoolLens public immutable LENS;

    /* STORAGE */

    /// @dev Cover terms, packed in one slot (32 + 16 + 32 + 32 bits).
    struct CoverTerms {
        uint32 marketId;
        uint16 targetBps;
        uint32 period;
        uint32 renewBefore;
    }

    CoverTerms internal _terms;
    uint32[] internal _pools;
    /// @inheritdoc IInsuredVault
    uint256 public principal;
    IDepositGate public gate;
    mapping(address keeper => bool) public isKeeper;
    HeldPolicy[] internal _held;

    constructor(IERC4626 source, ICoverManager cover_, IPoolLens lens, address owner_, string memory name_, string memory symbol_)
        ERC4626(IERC20(source.asset()))
        ERC20(name_, symbol_)
        Ownable(owner_)
    {
        SOURCE = source;
        COVER = cover_;
        MARKETS = IMarkets(cover_.markets());
        LENS = lens;
        IERC20(source.asset()).forceApprove(address(source), type(uint256).max);
    }

    /* KEEPER */

    /// @inheritdoc IInsuredVault
    function rollCover() external nonReentrant returns (uint256 policyId, uint256 premium) {
        require(isKeeper[msg.sender] || msg.sender == owner(), PeripheryErrors.NotKeeper(msg.sender));
        CoverTerms memory t = _terms;
        require(t.targetBps != 0, PeripheryErrors.CoverNotConfigured());
        uint256 assets = totalAssets();
        uint256 target = assets.mulDiv(t.targetBps, BPS, Math.Rounding.Ceil);
        uint256 covered = _prune(t.renewBefore);
        if (covered >= target) return (0, 0);
        require(_held.length < MAX_POLICIES, PeripheryErrors.TooManyPolicies(MAX_POLICIES));

        uint256 amount = target - covered;
        uint32[] memory pools = _pools;
        Quote memory q = LENS.quote(t.marketId, amount, t.period, pools);
        require(q.filled == amount, PeripheryErrors.CoverNotFilled(amount, q.filled));
        uint256 available = _yield(assets);
        require(q.premium <= available, PeripheryErrors.InsufficientYield(q.premium, available));

        IERC20 stable = IERC20(asset());
        uint256 idle = stable.balanceOf(address(this));
        if (idle < q.premium) SOURCE.withdraw(q.premium - idle, address(this), address(this));
        stable.forceApprove(address(COVER), q.premium);
        (policyId, premium) = COVER.buyCover(
            BuyCoverParams({
                marketId: t.marketId,
                amount: amount,
                period: t.period,
                pools: pools,
                maxPremium: q.premium,
                owner: address(this),
                integrator: address(0),
                commissionBps: 0
            })
        );
        stable.forceApprove(address(COVER), 0);
        Policy memory pol = COVER.policy(policyId);
        _held.push(HeldPolicy({policyId: uint64(policyId), amount: pol.amount, start: pol.start, end: pol.end}));
        emit PeripheryEvents.CoverRolled(policyId, amount, premium, coverageRatio());
    }

    /* OWNER */

    /// @inheritdoc IInsuredVault
    function setCoverConfig(uint256 marketId, uint16 targetBps, uint32 period, uint32 renewBefore, uint32[] calldata pools)
        external
        onlyOwner
    {
        address coverAsset = MARKETS.market(marketId).asset;
        require(coverAsset == asset(), PeripheryErrors.AssetMismatch(asset(), coverAsset));
        require(targetBps != 0 && targetBps <= BPS, PeripheryErrors.InvalidCoverageTarget(targetBps));
        _terms = CoverTerms(uint32(marketId), targetBps, period, renewBefore);
        _pools = pools;
        emit PeripheryEvents.CoverConfigSet(marketId, targetBps, period, renewBefore, pools);
    }

    /// @inheritdoc IInsuredVault
    function setKeeper(address keeper, bool allowed) external onlyOwner {
        isKeeper[keeper] = allowed;
        emit PeripheryEvents.KeeperSet(keeper, allowed);
    }

    /// @inheritdoc IInsuredVault
    function setGate(IDepositGate gate_) external onlyOwner {
        gate = gate_;
        emit PeripheryEvents.GateSet(address(gate_));
    }

    /* CALLBACKS */

    /// @notice Records a payout (the money is already here: it raised totalAssets). Only the payers may notify.
    function onBackstopPayout(uint256 policyId, address, uint256 amount) external {
        require(
            msg.sender == MARKETS.settlement() || msg.sender == MARKETS.assessedClaims(),
            PeripheryErrors.NotPayer(msg.sender)
        );
        emit PeripheryEvents.PayoutReceived(policyId, amount);
    }

    /// @notice Accepts Backstop policies only (a policy sent here covers the vault and pays it).
    function onERC721Received(address, address, uint256, bytes calldata) external view returns (bytes4) {
        require(msg.sender == address(COVER), PeripheryErrors.UnexpectedToken(msg.sender));
        return IERC721Receiver.onERC721Received.selector;
    }

    /* VIEWS */

    /// @notice Idle assets (premium change, payouts) plus the source shares at their redemption value.
    function totalAssets() public view override returns (uint256) {
        return IERC20(asset()).balanceOf(address(this)) + SOURCE.previewRedeem(SOURCE.balanceOf(address(this)));
    }

    /// @inheritdoc IInsuredVault
    function coverageRatio() public view returns (uint256) {
        uint256 assets = totalAssets();
        if (assets == 0) return type(uint256).max;
        uint256 horizon = block.timestamp + _terms.renewBefore;
        uint256 covered;
        for (uint256 i; i < _held.length; ++i) {
            if (_held[i].end > horizon) covered += _held[i].amount;
        }
        return covered.mulDiv(BPS, assets);
    }

    /// @inheritdoc IInsuredVault
    function activeCoverage() external view returns (uint256 amount) {
        for (uint256 i; i < _held.length; ++i) {
            HeldPolicy memory h = _held[i];
            if (h.start <= block.timestamp && block.timestamp < h.end) amount += h.amount;
        }
    }

    /// @inheritdoc IInsuredVault
    function policies() external view returns (HeldPolicy[] memory) {
        return _held;
    }

    /// @inheritdoc IInsuredVault
    function yieldAvailable() external view returns (uint256) {
        return _yield(totalAssets());
    }

    /// @inheritdoc IInsuredVault
    function coverConfig()
        external
        view
        returns (uint256 marketId, uint16 targetBps, uint32 period, uint32 renewBefore, uint32[] memory pools)
    {
        CoverTerms memory t = _terms;
        return (t.marketId, t.targetBps, t.period, t.renewBefore, _pools);
    }

    /* INTERNAL */

    /// @dev Gate, then OZ's pull and mint, then into the source.
    function _deposit(address caller, address receiver, uint256 assets, uint256 shares) internal override {
        IDepositGate g = gate;
        if (address(g) != address(0)) {
            require(g.isAllowed(address(this), caller, receiver), PeripheryErrors.DepositNotAllowed(caller, receiver));
        }
        super._deposit(caller, receiver, assets, shares);
        principal += assets;
        SOURCE.deposit(assets, address(this));
    }

    /// @dev Principal falls by the withdrawn share of totalAssets (rounded down: principal stays conservative);
    /// idle assets are used first, the rest comes out of the source.
    function _withdraw(address caller, address receiver, address owner_, uint256 assets, uint256 shares)
        internal
        override
    {
        uint256 total = totalAssets();
        principal -= principal.mulDiv(assets, total);
        uint256 idle = IERC20(asset()).balanceOf(address(this));
        if (idle < assets) SOURCE.withdraw(assets - idle, address(this), address(this));
        super._withdraw(caller, receiver, owner_, assets, shares);
    }

    /// @dev Drops expired policies from the live list and returns the cover of those ending after now + renewBefore.
    function _prune(uint256 renewBefore) internal returns (uint256 covered) {
        uint256 horizon = block.timestamp + renewBefore;
        uint256 i;
        while (i < _held.length) {
            HeldPolicy memory h = _held[i];
            if (h.end <= block.timestamp) {
                _held[i] = _held[_held.length - 1];
                _held.pop();
                emit PeripheryEvents.PolicyExpired(h.policyId);
                continue;
            }
            if (h.end > horizon) covered += h.amount;
            ++i;
        }
    }

    function _yield(uint256 assets) internal view returns (uint256) {
        uint256 p = principal;
        return assets > p ? assets - p : 0;
    }

    function _decimalsOffset() internal pure override returns (uint8) {
        return 6;
    }
}
