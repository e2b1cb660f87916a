import { accessManagerAbi } from "@backstop/abi";
import {
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  encodeFunctionData,
  type Hex,
  parseEventLogs,
} from "viem";
import { getBlock, readContract } from "viem/actions";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { guarded } from "../internal/read.ts";
import { type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

export type GovernedCallParameters<
  abi extends Abi = Abi,
  name extends ContractFunctionName<abi, "nonpayable" | "payable"> = ContractFunctionName<
    abi,
    "nonpayable" | "payable"
  >,
> = {
  /** The deployment's AccessManager. */
  accessManager: Address;
  /** The restricted call (Markets or AssessedClaims). */
  call: {
    address: Address;
    abi: abi;
    functionName: name;
    args: ContractFunctionArgs<abi, "nonpayable" | "payable", name>;
  };
};
/**
 * What happened: `executed` (sent directly, or executed after its delay: `sent` holds the receipt with the
 * target's events), `scheduled` (queued on the AccessManager just now), or `pending` (queued earlier and not
 * yet executable; nothing sent). `executableAt` is unix seconds for the last two.
 */
export type GovernedCallReturnType =
  | { status: "executed"; sent: Sent; via: "direct" | "accessManager" }
  | { status: "scheduled"; sent: Sent; executableAt: bigint; operationId: Hex; delay: number }
  | { status: "pending"; executableAt: bigint; operationId: Hex; delay: number };
export type GovernedCallErrorType = ContractRevertError | UnknownRevertError;

/**
 * Makes a call restricted by the deployment's AccessManager. A caller whose role has no execution delay sends
 * it directly; one with a delay (governance after hand-over) has it scheduled on the first run and executed
 * by the same call once the delay has passed. A caller without the role gets the revert
 * (AccessManagedUnauthorized) as a typed error.
 */
export async function governedCall<
  const abi extends Abi,
  name extends ContractFunctionName<abi, "nonpayable" | "payable">,
>(client: WriteClient, params: GovernedCallParameters<abi, name>): Promise<GovernedCallReturnType> {
  const { call } = params;
  const am = { address: params.accessManager, abi: accessManagerAbi } as const;
  // biome-ignore lint/suspicious/noExplicitAny: the call is generic over any restricted function
  const data = encodeFunctionData(call as any);
  const selector = data.slice(0, 10) as Hex;
  const caller = client.account.address;
  const [immediate, delay] = await guarded(() =>
    readContract(client, { ...am, functionName: "canCall", args: [caller, call.address, selector] }),
  );
  if (immediate || delay === 0) {
    // Sent as is: an unauthorized caller gets the decoded revert.
    // biome-ignore lint/suspicious/noExplicitAny: as above
    const sent = await send(client, call as any);
    return { status: "executed", sent, via: "direct" };
  }
  const operationId = await guarded(() =>
    readContract(client, { ...am, functionName: "hashOperation", args: [caller, call.address, data] }),
  );
  const at = BigInt(
    await guarded(() => readContract(client, { ...am, functionName: "getSchedule", args: [operationId] })),
  );
  if (at === 0n) {
    const sent = await send(client, { ...am, functionName: "schedule", args: [call.address, data, 0] });
    const [log] = parseEventLogs({
      abi: accessManagerAbi,
      logs: sent.receipt.logs,
      eventName: "OperationScheduled",
    });
    return { status: "scheduled", sent, executableAt: BigInt(log?.args.schedule ?? 0), operationId, delay };
  }
  const now = (await getBlock(client)).timestamp;
  if (now < at) return { status: "pending", executableAt: at, operationId, delay };
  const sent = await send(client, { ...am, functionName: "execute", args: [call.address, data] });
  return { status: "executed", sent, via: "accessManager" };
}
