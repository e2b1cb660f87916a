import { erc2612Abi } from "@backstop/abi";
import { type Address, type Hex, isAddressEqual, recoverTypedDataAddress, type TypedDataDomain } from "viem";
import { getBlock, readContract, simulateContract } from "viem/actions";
import type { PermitFailureReason } from "../errors/action.ts";
import { ContractRevertError } from "../errors/contract.ts";
import { toBackstopError } from "../errors/decode.ts";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";
import { PERMIT_TYPES, permitDomain } from "./signPermit.ts";

export type CheckPermitParameters = {
  token: Address;
  owner: Address;
  spender: Address;
  value: bigint;
  deadline: bigint;
  v: number;
  r: Hex;
  s: Hex;
  /** The nonce the permit was signed for, when known (signPermit returns it). */
  nonce?: bigint;
  /** Who signed it, when known (signPermit's `owner`): checked against `owner` first. */
  signedBy?: Address;
  /** The EIP-712 domain it was signed over, when known; read from the token otherwise. */
  domain?: TypedDataDomain;
};
/** Undefined when the token would accept the permit now; else why not. */
export type CheckPermitReturnType = { reason: PermitFailureReason; explanation: string } | undefined;
export type CheckPermitErrorType = ContractRevertError;

/**
 * Checks a signed EIP-2612 permit against the chain without sending anything: the deadline against the latest
 * block's time, the nonce against the token's, the recovered signer against the owner, then an `eth_call` of
 * `permit` from the owner. Used by `buyCover` to explain a purchase that failed after its permit.
 */
export async function checkPermit(
  client: ReadClient,
  params: CheckPermitParameters,
): Promise<CheckPermitReturnType> {
  const [block, current, domain] = await guarded(() =>
    Promise.all([
      getBlock(client, { blockTag: "latest" }),
      readContract(client, {
        address: params.token,
        abi: erc2612Abi,
        functionName: "nonces",
        args: [params.owner],
      }),
      params.domain ?? permitDomain(client, params.token),
    ]),
  );
  // The next block's time is at least the latest's + 1: a deadline at or before the latest block has passed.
  if (params.deadline <= block.timestamp) {
    return {
      reason: "expired",
      explanation: `its deadline ${params.deadline} is not after the chain's time ${block.timestamp} (block ${block.number})`,
    };
  }
  if (params.signedBy !== undefined && !isAddressEqual(params.signedBy, params.owner)) {
    return {
      reason: "signer",
      explanation: `it was signed by ${params.signedBy}, but the token checks it against the owner ${params.owner} (the account paying)`,
    };
  }
  if (params.nonce !== undefined && params.nonce !== current) {
    return {
      reason: "nonce",
      explanation: `it was signed for nonce ${params.nonce} but the token expects ${current} for ${params.owner}`,
    };
  }
  const signer = await recoverTypedDataAddress({
    domain,
    types: PERMIT_TYPES,
    primaryType: "Permit",
    message: {
      owner: params.owner,
      spender: params.spender,
      value: params.value,
      nonce: current,
      deadline: params.deadline,
    },
    signature: { r: params.r, s: params.s, v: BigInt(params.v) },
  });
  if (!isAddressEqual(signer, params.owner)) {
    return {
      reason: "signer",
      explanation: `the signature recovers to ${signer}, not the owner ${params.owner} (another key, token domain or nonce)`,
    };
  }
  try {
    await simulateContract(client, {
      account: params.owner,
      address: params.token,
      abi: erc2612Abi,
      functionName: "permit",
      args: [params.owner, params.spender, params.value, params.deadline, params.v, params.r, params.s],
    });
    return undefined;
  } catch (err) {
    const e = toBackstopError(err);
    const name = e instanceof ContractRevertError ? e.errorName : "";
    const reason: PermitFailureReason =
      name === "ERC2612ExpiredSignature"
        ? "expired"
        : name === "ERC2612InvalidSigner"
          ? "signer"
          : name === "InvalidAccountNonce"
            ? "nonce"
            : "rejected";
    return { reason, explanation: `the token rejects it: ${e.shortMessage}` };
  }
}
