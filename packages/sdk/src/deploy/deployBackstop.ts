import {
  accessManagerAbi,
  accessManagerBytecode,
  assessedClaimsAbi,
  assessedClaimsBytecode,
  coverManagerAbi,
  coverManagerBytecode,
  type Deployment,
  marketsAbi,
  marketsBytecode,
  mockStableAbi,
  mockStableBytecode,
  poolFactoryAbi,
  poolFactoryBytecode,
  poolLensAbi,
  poolLensBytecode,
  settlementAbi,
  settlementBytecode,
} from "@backstop/abi";
import { BaseError } from "@backstop/core";
import {
  type Abi,
  type Address,
  getAddress,
  type Hex,
  isAddressEqual,
  type PublicClient,
  stringToHex,
  toFunctionSelector,
  type WalletClient,
} from "viem";
import { deployContract, waitForTransactionReceipt } from "viem/actions";
import { send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

/**
 * AccessManager roles. 0 is OpenZeppelin's ADMIN_ROLE (grants roles, maps functions to roles); VOIDER may call
 * `AssessedClaims.voidClaim` and nothing else.
 */
export const ROLES = { ADMIN: 0n, GOVERNANCE: 1n, GUARDIAN: 2n, RISK_ORACLE: 3n, VOIDER: 4n } as const;

/** Execution delay (seconds) of the governance and admin roles unless another is given: 2 days. */
export const DEFAULT_GOVERNANCE_DELAY = 2 * 86_400;
/** The development chain id (Hardhat, the devnet): the only chain that accepts a shorter governance delay. */
export const DEVELOPMENT_CHAIN_ID = 31_337;
const MAX_DELAY = 2 ** 32 - 1;

/** Markets functions behind the governance role (delayed). */
export const GOVERNANCE_FUNCTIONS = [
  "createMarket",
  "unpauseMarket",
  "retireMarket",
  "unpause",
  "setRateBounds",
  "createGroup",
  "setCoverAsset",
  "setProtocolParams",
  "setModules",
  "setMinPoolCapacity",
] as const;
/** AssessedClaims functions behind the governance role (delayed). */
export const CLAIMS_GOVERNANCE_FUNCTIONS = [
  "createAssessorGroup",
  "setMarketAssessors",
  "setClaimParams",
] as const;
/** Markets functions of the guardian role (no delay): pausing only. */
export const GUARDIAN_FUNCTIONS = ["pauseMarket", "pause"] as const;
/** Markets functions of the risk-oracle role (no delay): bounded base-rate moves. */
export const RISK_ORACLE_FUNCTIONS = ["setBaseRate"] as const;
/** AssessedClaims functions of the voider role (no delay): voiding a fraudulent claim within its cooldown. */
export const VOIDER_FUNCTIONS = ["voidClaim"] as const;

export type DeployBackstopParameters = {
  walletClient: WalletClient;
  publicClient: PublicClient;
  /** Holds the governance and admin roles, both with `governanceDelay` (default: the deployer). */
  governance?: Address;
  /**
   * Execution delay in seconds of the governance and admin roles: every governance call and every role or
   * permission change is scheduled on the AccessManager and executed after it. Default
   * DEFAULT_GOVERNANCE_DELAY (2 days); a shorter one only on the development chain (31337), where 0 keeps
   * governance immediate for tests.
   */
  governanceDelay?: number;
  /** May pause markets and the protocol, without delay (default: governance). */
  guardian?: Address;
  /** May move base rates within their bounds, without delay (default: governance). */
  riskOracle?: Address;
  /** May void fraudulent assessed claims, without delay, and do nothing else (default: the guardian). */
  voider?: Address;
  treasury?: Address;
  /** Deploy a mock stablecoin and allow it as cover asset (true), allow these assets, or neither. */
  stable?: boolean;
  coverAssets?: readonly Address[];
  protocolFeeBps?: number;
  maxCommissionBps?: number;
  /** Correlation groups to create, in id order. */
  groups?: readonly string[];
  /**
   * Runs once the protocol is wired and before governance is handed over, while the deployer still holds the
   * governance role without delay (e.g. to seed markets on a development chain).
   */
  configure?: (deployment: Deployment & { groups: Record<string, number> }) => Promise<void>;
};

/** Who holds which role once the deployment is handed over. */
export type DeployedRoles = {
  governance: Address;
  /** Execution delay of governance and admin, in seconds. */
  governanceDelay: number;
  guardian: Address;
  riskOracle: Address;
  voider: Address;
};
export type DeployBackstopReturnType = Deployment & { groups: Record<string, number>; roles: DeployedRoles };

/** Thrown when a deployment transaction does not produce a contract, or the roles did not end as intended. */
export class DeploymentError extends BaseError {
  override name = "DeploymentError";
}

/** Thrown when the governance delay is not a whole number of seconds, or is too short for the chain. */
export class GovernanceDelayError extends BaseError {
  override name = "GovernanceDelayError";
}

/** Validates a governance delay for `chainId`; returns it. */
export function checkGovernanceDelay(delay: number, chainId: number): number {
  if (!Number.isInteger(delay) || delay < 0 || delay > MAX_DELAY) {
    throw new GovernanceDelayError(`governance delay ${delay} is not a whole number of seconds (uint32)`);
  }
  if (delay < DEFAULT_GOVERNANCE_DELAY && chainId !== DEVELOPMENT_CHAIN_ID) {
    throw new GovernanceDelayError(
      `governance delay ${delay}s is below ${DEFAULT_GOVERNANCE_DELAY}s (2 days) on chain ${chainId}`,
      { details: `a shorter delay is accepted only on the development chain ${DEVELOPMENT_CHAIN_ID}` },
    );
  }
  return delay;
}

/**
 * Deploys AccessManager, Markets, CoverManager, PoolFactory, Settlement, AssessedClaims and PoolLens (and
 * optionally a mock stablecoin), maps every restricted function to its role, sets the modules, cover assets, protocol fees and
 * groups, runs `configure`, then hands over:
 * - ADMIN and GOVERNANCE go to `governance` with the execution delay `governanceDelay` (2 days by default), so
 *   every governance call and every role or permission change waits for it on the AccessManager;
 * - GUARDIAN (pause only), RISK_ORACLE (base rates only) and VOIDER (`voidClaim` only) act without delay;
 * - the deployer keeps nothing when it is not `governance`; when it is, its own admin and governance
 *   memberships carry the delay (AccessManager applies a raised execution delay at once).
 * The result is read back from the chain before returning: no admin is left without the delay.
 */
export async function deployBackstop(params: DeployBackstopParameters): Promise<DeployBackstopReturnType> {
  const { walletClient, publicClient } = params;
  const account = walletClient.account;
  if (!account) throw new DeploymentError("walletClient has no account; create it with an account");
  const client = walletClient as WriteClient;
  const me = account.address;
  const chainId = await publicClient.getChainId();
  const governanceDelay = checkGovernanceDelay(params.governanceDelay ?? DEFAULT_GOVERNANCE_DELAY, chainId);
  const governance = getAddress(params.governance ?? me);
  const guardian = getAddress(params.guardian ?? governance);
  const roles: DeployedRoles = {
    governance,
    governanceDelay,
    guardian,
    riskOracle: getAddress(params.riskOracle ?? governance),
    voider: getAddress(params.voider ?? guardian),
  };
  const treasury = params.treasury ?? governance;
  const startBlock = Number(await publicClient.getBlockNumber()) + 1;

  const deploy = async (abi: Abi, bytecode: Hex, args: readonly unknown[]): Promise<Address> => {
    const hash = await deployContract(client, { abi, bytecode, args, account, chain: walletClient.chain });
    const receipt = await waitForTransactionReceipt(publicClient, { hash });
    if (!receipt.contractAddress) throw new DeploymentError(`deployment ${hash} created no contract`);
    return receipt.contractAddress;
  };

  const stable = params.stable
    ? await deploy(mockStableAbi, mockStableBytecode, ["USD Coin", "USDC"])
    : undefined;
  const accessManager = await deploy(accessManagerAbi, accessManagerBytecode, [me]);
  const markets = await deploy(marketsAbi, marketsBytecode, [accessManager, treasury]);
  const coverManager = await deploy(coverManagerAbi, coverManagerBytecode, [markets]);
  const poolFactory = await deploy(poolFactoryAbi, poolFactoryBytecode, [markets]);
  const settlement = await deploy(settlementAbi, settlementBytecode, [markets, coverManager]);
  const assessedClaims = await deploy(assessedClaimsAbi, assessedClaimsBytecode, [
    accessManager,
    markets,
    coverManager,
  ]);
  const poolLens = await deploy(poolLensAbi, poolLensBytecode, [markets]);

  const am = { address: accessManager, abi: accessManagerAbi } as const;
  const selectors = (abi: Abi, names: readonly string[]): Hex[] =>
    abi
      .filter((item) => item.type === "function" && names.includes(item.name))
      .map((f) => toFunctionSelector(f as Parameters<typeof toFunctionSelector>[0]));
  for (const [target, abi, names, role] of [
    [markets, marketsAbi, GOVERNANCE_FUNCTIONS, ROLES.GOVERNANCE],
    [markets, marketsAbi, GUARDIAN_FUNCTIONS, ROLES.GUARDIAN],
    [markets, marketsAbi, RISK_ORACLE_FUNCTIONS, ROLES.RISK_ORACLE],
    [assessedClaims, assessedClaimsAbi, CLAIMS_GOVERNANCE_FUNCTIONS, ROLES.GOVERNANCE],
    [assessedClaims, assessedClaimsAbi, VOIDER_FUNCTIONS, ROLES.VOIDER],
  ] as const) {
    await send(client, {
      ...am,
      functionName: "setTargetFunctionRole",
      args: [target, selectors(abi as Abi, names), role],
    });
  }
  const grant = (role: bigint, who: Address, delay = 0) =>
    send(client, { ...am, functionName: "grantRole", args: [role, who, delay] });
  // Configuration runs as a temporary, immediate governance: the deployer (already admin from the constructor).
  await grant(ROLES.GOVERNANCE, me);

  const mk = { address: markets, abi: marketsAbi } as const;
  await send(client, {
    ...mk,
    functionName: "setModules",
    args: [coverManager, poolFactory, settlement, assessedClaims],
  });
  for (const asset of [...(stable ? [stable] : []), ...(params.coverAssets ?? [])]) {
    await send(client, { ...mk, functionName: "setCoverAsset", args: [asset, true] });
  }
  await send(client, {
    ...mk,
    functionName: "setProtocolParams",
    args: [treasury, params.protocolFeeBps ?? 500, params.maxCommissionBps ?? 1_000],
  });
  const groups: Record<string, number> = {};
  for (const [i, name] of (params.groups ?? ["stablecoins", "ethereum-l1"]).entries()) {
    await send(client, { ...mk, functionName: "createGroup", args: [stringToHex(name, { size: 32 })] });
    groups[name] = i;
  }
  const deployment: Deployment & { groups: Record<string, number> } = {
    chainId,
    accessManager,
    markets,
    coverManager,
    poolFactory,
    settlement,
    assessedClaims,
    poolLens,
    stable,
    startBlock,
    groups,
  };
  await params.configure?.(deployment);

  // Hand-over. The immediate roles first, then governance and, last, admin (after which every admin call of
  // the deployer would itself wait for the delay). For an existing member AccessManager applies a raised
  // execution delay at once (only a lowered one waits), so the deployer-as-governance case leaves no gap.
  await grant(ROLES.GUARDIAN, guardian);
  if (!isAddressEqual(guardian, governance)) await grant(ROLES.GUARDIAN, governance);
  await grant(ROLES.RISK_ORACLE, roles.riskOracle);
  await grant(ROLES.VOIDER, roles.voider);
  await grant(ROLES.GOVERNANCE, governance, governanceDelay);
  await grant(ROLES.ADMIN, governance, governanceDelay);
  if (!isAddressEqual(governance, me)) {
    await send(client, { ...am, functionName: "renounceRole", args: [ROLES.GOVERNANCE, me] });
    await send(client, { ...am, functionName: "renounceRole", args: [ROLES.ADMIN, me] });
  }
  await checkHandOver(publicClient, accessManager, me, roles);
  return { ...deployment, roles };
}

/** Reads the hand-over back: governance holds admin and governance with the delay; the deployer nothing else. */
async function checkHandOver(
  publicClient: PublicClient,
  accessManager: Address,
  deployer: Address,
  roles: DeployedRoles,
): Promise<void> {
  const hasRole = (role: bigint, who: Address) =>
    publicClient.readContract({
      address: accessManager,
      abi: accessManagerAbi,
      functionName: "hasRole",
      args: [role, who],
    });
  for (const role of [ROLES.ADMIN, ROLES.GOVERNANCE]) {
    const [member, delay] = await hasRole(role, roles.governance);
    if (!member || delay !== roles.governanceDelay) {
      throw new DeploymentError(
        `role ${role} of ${roles.governance} has delay ${delay} (member: ${member}), not ${roles.governanceDelay}`,
      );
    }
    if (!isAddressEqual(deployer, roles.governance) && (await hasRole(role, deployer))[0]) {
      throw new DeploymentError(`the deployer ${deployer} still holds role ${role}`);
    }
  }
}
