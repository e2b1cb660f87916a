import { TransactionNotFoundError, TransactionReceiptNotFoundError } from "viem";
import type { KeeperContext } from "./context.ts";
import { recordDone } from "./state.ts";

/**
 * Resolves transactions left pending (by a restart or an RPC failure after broadcast): a receipt makes them
 * done (a mined poke also stores its observations); a transaction the node still knows stays pending; one it
 * no longer knows was dropped and is forgotten, so the action is re-derived from chain state.
 */
export async function reconcilePending(ctx: KeeperContext): Promise<void> {
  const { state, client } = ctx;
  for (const p of [...state.pending]) {
    let status: "success" | "reverted" | "in-flight" | "dropped";
    let block: number | null = null;
    try {
      const receipt = await client.getTransactionReceipt({ hash: p.hash });
      status = receipt.status === "success" ? "success" : "reverted";
      block = Number(receipt.blockNumber);
    } catch (err) {
      if (!(err instanceof TransactionReceiptNotFoundError)) throw err;
      try {
        await client.getTransaction({ hash: p.hash });
        status = "in-flight";
      } catch (err2) {
        if (!(err2 instanceof TransactionNotFoundError)) throw err2;
        status = "dropped";
      }
    }
    if (status === "in-flight") continue;
    state.pending = state.pending.filter((q) => q.hash !== p.hash);
    if (status === "dropped") {
      ctx.log({ level: "warn", event: "tx.dropped", key: p.key, hash: p.hash });
    } else {
      if (status === "success" && p.memory) state.triggers[p.memory.trigger] = p.memory.observed;
      recordDone(state, {
        key: p.key,
        kind: p.kind,
        hash: p.hash,
        outcome: status,
        block,
        at: new Date().toISOString(),
      });
      ctx.log({ level: "info", event: "tx.reconciled", key: p.key, hash: p.hash, outcome: status, block });
    }
    ctx.save();
  }
}
