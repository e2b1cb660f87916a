import type { TriggerKind } from "@backstop/sdk";
import type { Hex } from "viem";
import type { KeeperContext } from "./context.ts";
import { ChainChangedError } from "./errors.ts";
import { resetForNewChain } from "./state.ts";

/** Trigger kinds never change for an address on one chain: detected once per process, forgotten on a reset. */
export const triggerKinds = new Map<string, TriggerKind>();

/** Forgets everything derived from the chain that is gone (logged as chain.reset). */
export function resetChain(ctx: KeeperContext, head: number | bigint): void {
  ctx.log({ level: "warn", event: "chain.reset", cursor: ctx.state.lastBlock, head: Number(head) });
  resetForNewChain(ctx.state);
  triggerKinds.clear();
  ctx.save();
}

/**
 * Throws ChainChangedError unless the RPC still serves the chain the tick started from (its head block is still
 * there with the same hash).
 *
 * Why: a tick is a sequence of separate RPC calls at "latest" (market, trigger, incident, then simulate, send,
 * receipt, and the post-poke state read at the receipt's block). If the endpoint switches chains between two of
 * them (a node restart behind the same URL, a failover to a node on another fork, or the devnet restarted), one
 * tick mixes two chains: it saw the old chain's trigger TRIGGERED and the new chain's incident unsettled and
 * sent a settle that reverts `TriggerNotFired`, or it mined a poke on the old chain and read the trigger's state
 * at that block on the new, shorter chain, which the node refuses ("Received invalid block tag", surfacing as
 * viem's "Missing or invalid parameters"). Both were then logged as failed actions although nothing was wrong
 * with them. Checking the head before an action is sent, and again before a failure is blamed on the action,
 * binds every action to the chain its decision was read from; the restart itself is handled by the next tick.
 */
export async function assertSameChain(ctx: KeeperContext, sentHash?: Hex): Promise<void> {
  const head = ctx.head;
  if (!head) return;
  const notFound = (err: unknown) => {
    const name = (err as { name?: string }).name;
    if (
      name === "BlockNotFoundError" ||
      name === "TransactionReceiptNotFoundError" ||
      name === "TransactionNotFoundError"
    )
      return null;
    throw err;
  };
  const block = await ctx.client.getBlock({ blockNumber: head.number }).catch(notFound);
  // A transaction of this tick that the node knows neither mined nor pending was dropped with its block: a
  // chain that replays the same history up to the tick's head (a restarted devnet) differs only there.
  const lost =
    sentHash !== undefined &&
    (await ctx.client.getTransactionReceipt({ hash: sentHash }).catch(notFound)) === null &&
    (await ctx.client.getTransaction({ hash: sentHash }).catch(notFound)) === null;
  if (block?.hash !== head.hash || lost) {
    // The tick's own head is gone or replaced: a restart or reorg, whatever the cursor says.
    resetChain(ctx, head.number);
    ctx.head = undefined;
    throw new ChainChangedError(
      `the chain changed during the tick (block ${head.number} is gone or replaced)`,
      {
        details: "the tick is abandoned; the next one starts from the new chain's state",
      },
    );
  }
}
