import type { Abi, Address, ContractEventName, ParseEventLogsReturnType } from "viem";
import { isAddressEqual, parseEventLogs } from "viem";
import { MissingEventError } from "../errors/action.ts";
import type { Sent } from "./send.ts";

/**
 * The `eventName` logs of a mined transaction; throws MissingEventError when there is none (the action's result
 * would otherwise be a silent default).
 */
export function expectEvents<const abi extends Abi, eventName extends ContractEventName<abi>>(
  sent: Sent,
  params: { abi: abi; eventName: eventName; action: string; address?: Address },
): ParseEventLogsReturnType<abi, eventName, true> {
  const { address } = params;
  const logs = (
    parseEventLogs({
      abi: params.abi,
      logs: sent.receipt.logs,
      eventName: params.eventName,
    } as never) as ParseEventLogsReturnType<abi, eventName, true>
  ).filter((l) => address === undefined || isAddressEqual(l.address, address)) as ParseEventLogsReturnType<
    abi,
    eventName,
    true
  >;
  if (logs.length === 0) {
    throw new MissingEventError({
      action: params.action,
      eventName: String(params.eventName),
      address: sent.receipt.to ?? undefined,
      hash: sent.hash,
    });
  }
  return logs;
}

/**
 * The first `eventName` log of a mined transaction (emitted by `address` when given: an ERC-4626 over another
 * emits the same `Deposit`/`Withdraw`); throws MissingEventError when there is none.
 */
export function expectEvent<const abi extends Abi, eventName extends ContractEventName<abi>>(
  sent: Sent,
  params: { abi: abi; eventName: eventName; action: string; address?: Address },
): ParseEventLogsReturnType<abi, eventName, true>[number] {
  return expectEvents(sent, params)[0] as ParseEventLogsReturnType<abi, eventName, true>[number];
}
