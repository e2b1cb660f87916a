import {
  committeeTriggerAbi,
  committeeTriggerBytecode,
  drainTriggerAbi,
  drainTriggerBytecode,
  optimisticTriggerAbi,
  optimisticTriggerBytecode,
  pegTriggerAbi,
  pegTriggerBytecode,
} from "@backstop/abi";
import { type Abi, type Address, getAddress, type Hash, type Hex, zeroAddress } from "viem";
import { deployContract, waitForTransactionReceipt } from "viem/actions";
import { DeploymentError } from "../deploy/deployBackstop.ts";
import { toBackstopError } from "../errors/decode.ts";
import type { WriteClient } from "../internal/types.ts";

/** The constructor arguments of each trigger the protocol ships (contracts/src/triggers). */
export type TriggerSpec =
  | {
      kind: "committee";
      /** Attesting members; `threshold` of them fire the trigger after `challengePeriod` unless vetoed. */
      members: readonly Address[];
      threshold: bigint;
      vetoer: Address;
      challengePeriod: bigint;
    }
  | {
      kind: "optimistic";
      /** Proposals post `bond` of `bondToken` and stand after `liveness` unless disputed to `resolver`. */
      bondToken: Address;
      bond: bigint;
      liveness: bigint;
      resolver: Address;
    }
  | {
      kind: "peg";
      /** Chainlink-style feeds of the pegged asset; prices in the feeds' decimals. */
      feeds: readonly Address[];
      peg: bigint;
      triggerPrice: bigint;
      recoveryPrice: bigint;
      window: bigint;
      maxStaleness: bigint;
      minFreshFeeds: bigint;
      /** L2 sequencer uptime feed (zero on L1) and the grace period after it recovers. */
      sequencerFeed?: Address;
      gracePeriod?: bigint;
    }
  | {
      kind: "drain";
      /** Fires when `holder`'s balance of `source` drops by more than `maxDropWad` within `window`. */
      source: Address;
      holder: Address;
      maxDropWad: bigint;
      window: bigint;
      bucketCount: bigint;
      confirmDelay: bigint;
    };
export type DeployTriggerParameters = TriggerSpec;
export type DeployTriggerReturnType = { hash: Hash; trigger: Address };
export type DeployTriggerErrorType = DeploymentError;

/** Deploys a trigger for a parametric market (then `createMarket` with `trigger`). Permissionless. */
export async function deployTrigger(
  client: WriteClient,
  params: DeployTriggerParameters,
): Promise<DeployTriggerReturnType> {
  const [abi, bytecode, args] = constructorOf(params);
  let hash: Hash;
  try {
    hash = await deployContract(client, {
      abi,
      bytecode,
      args,
      account: client.account,
      chain: client.chain,
    });
  } catch (err) {
    throw toBackstopError(err);
  }
  const receipt = await waitForTransactionReceipt(client, { hash });
  if (receipt.status !== "success" || !receipt.contractAddress)
    throw new DeploymentError(
      `the ${params.kind} trigger's deployment ${hash} reverted: check its parameters`,
    );
  return { hash, trigger: getAddress(receipt.contractAddress) };
}

function constructorOf(p: TriggerSpec): [Abi, Hex, readonly unknown[]] {
  switch (p.kind) {
    case "committee":
      return [
        committeeTriggerAbi,
        committeeTriggerBytecode,
        [p.members, p.threshold, p.vetoer, p.challengePeriod],
      ];
    case "optimistic":
      return [optimisticTriggerAbi, optimisticTriggerBytecode, [p.bondToken, p.bond, p.liveness, p.resolver]];
    case "peg":
      return [
        pegTriggerAbi,
        pegTriggerBytecode,
        [
          p.feeds,
          p.peg,
          p.triggerPrice,
          p.recoveryPrice,
          p.window,
          p.maxStaleness,
          p.minFreshFeeds,
          p.sequencerFeed ?? zeroAddress,
          p.gracePeriod ?? 0n,
        ],
      ];
    case "drain":
      return [
        drainTriggerAbi,
        drainTriggerBytecode,
        [p.source, p.holder, p.maxDropWad, p.window, p.bucketCount, p.confirmDelay],
      ];
  }
}
