import { mockAggregatorAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

export type SetMockFeedAnswerParameters = {
  /** Mock aggregators (development chains and tests only; real feeds are Chainlink's). */
  feeds: readonly Address[];
  /** The answer in the feed's decimals (8 for USD feeds). */
  answer: bigint;
};
export type SetMockFeedAnswerReturnType = Sent[];
export type SetMockFeedAnswerErrorType = ContractRevertError | UnknownRevertError;

/** Posts a new round with `answer` on each mock feed, timestamped now (also a heartbeat). */
export async function setMockFeedAnswer(
  client: WriteClient,
  params: SetMockFeedAnswerParameters,
): Promise<SetMockFeedAnswerReturnType> {
  const sent: Sent[] = [];
  for (const feed of params.feeds)
    sent.push(
      await send(client, {
        address: feed,
        abi: mockAggregatorAbi,
        functionName: "setAnswer",
        args: [params.answer],
      }),
    );
  return sent;
}
