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
  type Hex,
  type PublicClient,
  stringToHex,
  toFunctionSelector,
  type WalletClient,
} from "viem";
import { deployContract, waitForTransactionReceipt } from "viem/actions";
import { send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

/** AccessManager roles (0 is OpenZeppelin's ADMIN_ROLE). */
export const ROLES = { ADMIN: 0n, GOVERNANCE: 1n, GUARDIAN: 2n, RISK_ORACLE: 3n } as const;

const GOVERNANCE_FUNCTIONS = [
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
const CLAIMS_GOVERNANCE_FUNCTIONS = [
  "voidClaim",
  "createAssessorGroup",
  "setMarketAssessors",
  "setClaimParams",
] as const;
const GUARDIAN_FUNCTIONS = ["pauseMarket", "pause"] as const;
const RISK_ORACLE_FUNCTIONS = ["setBaseRate"] as const;

export type DeployBackstopParameters = {
  walletClient: WalletClient;
  publicClient: PublicClient;
  /** Holds the governance role (and, when not the deployer, the AccessManager admin role). */
  governance?: Address;
  /** Execution delay of the governance role in seconds (the timelock); 0 for development. */
  governanceDelay?: number;
  guardian?: Address;
  riskOracle?: Address;
  treasury?: Address;
  /** Deploy a mock stablecoin and allow it as cover asset (true), allow these assets, or neither. */
  stable?: boolean;
  coverAssets?: readonly Address[];
  protocolFeeBps?: number;
  maxCommissionBps?: number;
  /** Correlation groups to create, in id order. */
  groups?: readonly string[];
};
export type DeployBackstopReturnType = Deployment & { groups: Record<string, number> };

/** Thrown when a deployment transaction does not produce a contract. */
export class DeploymentError extends BaseError {
  override name = "DeploymentError";
}

/**
 * Deploys AccessManager, Markets, CoverManager, PoolFactory, Settlement, AssessedClaims and PoolLens (and optionally a mock stablecoin), wires the
 * roles (governance 1, guardian 2, risk oracle 3), sets the modules, cover assets, protocol fees and groups.
 * The deployer configures with a temporary governance grant, then hands governance and admin over when
 * `governance` is another account.
 */
export async function deployBackstop(params: DeployBackstopParameters): Promise<DeployBackstopReturnType> {
  const { walletClient, publicClient } = params;
  const account = walletClient.account;
  if (!account) throw new DeploymentError("walletClient has no account; create it with an account");
  const client = walletClient as WriteClient;
  const me = account.address;
  const governance = params.governance ?? me;
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
  ] as const) {
    await send(client, {
      ...am,
      functionName: "setTargetFunctionRole",
      args: [target, selectors(abi as Abi, names), role],
    });
  }
  const grant = (role: bigint, who: Address, delay = 0) =>
    send(client, { ...am, functionName: "grantRole", args: [role, who, delay] });
  await grant(ROLES.GOVERNANCE, me);
  await grant(ROLES.GUARDIAN, params.guardian ?? governance);
  if (params.guardian && params.guardian !== governance) await grant(ROLES.GUARDIAN, governance);
  await grant(ROLES.RISK_ORACLE, params.riskOracle ?? governance);

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

  if (governance !== me || (params.governanceDelay ?? 0) > 0) {
    if (governance !== me) {
      await grant(ROLES.ADMIN, governance, params.governanceDelay ?? 0);
      await grant(ROLES.GOVERNANCE, governance, params.governanceDelay ?? 0);
      await send(client, { ...am, functionName: "renounceRole", args: [ROLES.GOVERNANCE, me] });
      await send(client, { ...am, functionName: "renounceRole", args: [ROLES.ADMIN, me] });
    } else {
      await grant(ROLES.GOVERNANCE, me, params.governanceDelay ?? 0);
    }
  }

  const chainId = await publicClient.getChainId();
  return {
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
}
