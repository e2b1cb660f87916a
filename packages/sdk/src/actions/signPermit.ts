import { mockStableAbi } from "@backstop/abi";
import { type Address, type Hex, parseSignature } from "viem";
import { readContract, signTypedData } from "viem/actions";
import type { WriteClient } from "../internal/types.ts";

export type SignPermitParameters = {
  /** The EIP-2612 token. */
  token: Address;
  spender: Address;
  value: bigint;
  /** Unix seconds; defaults to one hour from now. */
  deadline?: bigint;
};
export type SignPermitReturnType = { value: bigint; deadline: bigint; v: number; r: Hex; s: Hex };

/** Signs an EIP-2612 permit with the client's account, using the token's EIP-712 domain (EIP-5267). */
export async function signPermit(
  client: WriteClient,
  params: SignPermitParameters,
): Promise<SignPermitReturnType> {
  const owner = client.account.address;
  const [[, name, version, chainId, verifyingContract], nonce] = await Promise.all([
    readContract(client, { address: params.token, abi: mockStableAbi, functionName: "eip712Domain" }),
    readContract(client, {
      address: params.token,
      abi: mockStableAbi,
      functionName: "nonces",
      args: [owner],
    }),
  ]);
  const deadline = params.deadline ?? BigInt(Math.floor(Date.now() / 1000) + 3600);
  const signature = await signTypedData(client, {
    account: client.account,
    domain: { name, version, chainId, verifyingContract },
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    primaryType: "Permit",
    message: { owner, spender: params.spender, value: params.value, nonce, deadline },
  });
  const { r, s, v, yParity } = parseSignature(signature);
  return { value: params.value, deadline, r, s, v: Number(v ?? BigInt(yParity + 27)) };
}
