import type {
  Abi,
  Account,
  Address,
  Chain,
  Client,
  ContractFunctionArgs,
  ContractFunctionName,
  Transport,
} from "viem";

/** A client that can read (any viem client: public, wallet, test). */
// biome-ignore lint/suspicious/noExplicitAny: accepts clients whatever their RPC schema and extensions
export type ReadClient = Client<Transport, Chain | undefined, Account | undefined, any, any>;
/** A client with an account that signs and sends transactions. */
// biome-ignore lint/suspicious/noExplicitAny: as above
export type WriteClient = Client<Transport, Chain | undefined, Account, any, any>;

/**
 * A contract write built by a `prepareX` action: `{ address, abi, functionName, args, value? }`, typed from the
 * ABI. Spread it into viem's `simulateContract`/`writeContract` or wagmi's `useSimulateContract`/`writeContract`.
 * None of the protocol's functions is payable, so no builder sets `value` (viem rejects it on nonpayable
 * functions); a payable one would add `value`.
 */
export type PreparedRequest<
  abi extends Abi = Abi,
  functionName extends ContractFunctionName<abi, "nonpayable" | "payable"> = ContractFunctionName<
    abi,
    "nonpayable" | "payable"
  >,
> = {
  address: Address;
  abi: abi;
  functionName: functionName;
  args: ContractFunctionArgs<abi, "nonpayable" | "payable", functionName>;
  /** Native value: never set, as no protocol function is payable (kept for the request's viem shape). */
  value?: undefined;
};
