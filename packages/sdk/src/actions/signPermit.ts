import { erc2612Abi } from "@backstop/abi";
import { type Address, type Hex, parseSignature, type TypedDataDomain } from "viem";
import { getBlock, getChainId, readContract, signTypedData } from "viem/actions";
import type { ReadClient, WriteClient } from "../internal/types.ts";

export type SignPermitParameters = {
  /** The EIP-2612 token. */
  token: Address;
  spender: Address;
  value: bigint;
  /** Unix seconds; defaults to the chain's latest block time plus `validFor` (never the local clock). */
  deadline?: bigint;
  /** Seconds the permit stays valid when no `deadline` is given (default 3600). */
  validFor?: bigint;
};
export type SignPermitReturnType = {
  value: bigint;
  deadline: bigint;
  v: number;
  r: Hex;
  s: Hex;
  /** The signer (the token owner whose allowance the permit sets). */
  owner: Address;
  spender: Address;
  token: Address;
  /** The token nonce the permit was signed for. */
  nonce: bigint;
  /** The token's EIP-712 domain used. */
  domain: TypedDataDomain;
  signature: Hex;
};

/** The EIP-712 types of an EIP-2612 permit. */
export const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/**
 * Signs an EIP-2612 permit with the client's account, over the token's EIP-712 domain (EIP-5267's
 * `eip712Domain`, else `name`/`version` and the chain id). The default deadline counts from the chain's latest
 * block time, so it holds on a development chain whose clock was moved forward.
 */
export async function signPermit(
  client: WriteClient,
  params: SignPermitParameters,
): Promise<SignPermitReturnType> {
  const owner = client.account.address;
  const [domain, nonce, deadline] = await Promise.all([
    permitDomain(client, params.token),
    readContract(client, { address: params.token, abi: erc2612Abi, functionName: "nonces", args: [owner] }),
    params.deadline ?? chainDeadline(client, params.validFor ?? 3600n),
  ]);
  const signature = await signTypedData(client, {
    account: client.account,
    domain,
    types: PERMIT_TYPES,
    primaryType: "Permit",
    message: { owner, spender: params.spender, value: params.value, nonce, deadline },
  });
  const { r, s, v, yParity } = parseSignature(signature);
  return {
    value: params.value,
    deadline,
    r,
    s,
    v: Number(v ?? BigInt(yParity + 27)),
    owner,
    spender: params.spender,
    token: params.token,
    nonce,
    domain,
    signature,
  };
}

/** The chain's latest block time plus `seconds`. */
export async function chainDeadline(client: ReadClient, seconds: bigint): Promise<bigint> {
  const block = await getBlock(client, { blockTag: "latest" });
  return block.timestamp + seconds;
}

/** A token's EIP-712 domain: EIP-5267 when it implements it, else `name`, `version` (default "1") and the chain. */
export async function permitDomain(client: ReadClient, token: Address): Promise<TypedDataDomain> {
  try {
    const [, name, version, chainId, verifyingContract] = await readContract(client, {
      address: token,
      abi: erc2612Abi,
      functionName: "eip712Domain",
    });
    return { name, version, chainId, verifyingContract };
  } catch {
    const [name, version, chainId] = await Promise.all([
      readContract(client, { address: token, abi: erc2612Abi, functionName: "name" }),
      readContract(client, { address: token, abi: erc2612Abi, functionName: "version" }).catch(() => "1"),
      getChainId(client),
    ]);
    return { name, version, chainId, verifyingContract: token };
  }
}
