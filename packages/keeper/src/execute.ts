import type { OnHash, Sent } from "@backstop/sdk";
import type { Hex } from "viem";
import { classify, describeError } from "./classify.ts";
import type { KeeperContext } from "./context.ts";
import { assertSameChain } from "./head.ts";
import { withRetry } from "./retry.ts";
import { type ActionKind, type PendingTx, recordDone } from "./state.ts";

export type ActionRequest = {
  key: string;
  kind: ActionKind;
  /** Sends the transaction; must call `onHash` once broadcast. */
  run: (onHash: OnHash) => Promise<Sent>;
  /** Errors that prove the work is already done (e.g. AlreadySettled): recorded as done, not as failures. */
  alreadyDone?: (err: unknown) => boolean;
  memory?: PendingTx["memory"];
  /** Extra fields for the log lines. */
  fields?: object;
};

export type ActionResult = "sent" | "already-done" | "failed" | "waiting";

/**
 * Sends one keeper action idempotently: skipped while a transaction for the same key is pending; the hash is
 * persisted before waiting for the receipt; retryable errors are retried only until a hash exists (after that
 * the pending entry is reconciled on a later tick, so nothing is sent twice); non-retryable errors are logged.
 * Throws only retryable errors that outlived the retries (the RPC is down): the tick fails and backs off.
 */
export async function execute(ctx: KeeperContext, req: ActionRequest): Promise<ActionResult> {
  const { state } = ctx;
  if (state.pending.some((p) => p.key === req.key)) return "waiting";
  // The decision was read from the tick's chain: never send it to another one.
  await assertSameChain(ctx);
  let hash: Hex | undefined;
  const onHash: OnHash = (h) => {
    hash = h;
    const pending: PendingTx = { key: req.key, kind: req.kind, hash: h, sentAt: new Date().toISOString() };
    if (req.memory) pending.memory = req.memory;
    state.pending.push(pending);
    ctx.save();
    ctx.log({ level: "info", event: "tx.sent", key: req.key, kind: req.kind, hash: h, ...req.fields });
  };
  try {
    const sent = await withRetry(() => req.run(onHash), {
      ...ctx.retry,
      shouldRetry: () => hash === undefined,
      onRetry: (attempt, delayMs, err) =>
        ctx.log({ level: "warn", event: "retry", key: req.key, attempt, delayMs, error: describeError(err) }),
    });
    state.pending = state.pending.filter((p) => p.hash !== sent.hash);
    // Later actions of this tick are checked against the newest block it saw.
    ctx.head = { number: sent.receipt.blockNumber, hash: sent.receipt.blockHash };
    if (req.memory) state.triggers[req.memory.trigger] = req.memory.observed;
    recordDone(state, {
      key: req.key,
      kind: req.kind,
      hash: sent.hash,
      outcome: "success",
      block: Number(sent.receipt.blockNumber),
      at: new Date().toISOString(),
    });
    ctx.save();
    ctx.log({
      level: "info",
      event: "tx.mined",
      key: req.key,
      kind: req.kind,
      hash: sent.hash,
      block: sent.receipt.blockNumber,
      ...req.fields,
    });
    return "sent";
  } catch (err) {
    if (req.alreadyDone?.(err)) {
      state.pending = state.pending.filter((p) => p.key !== req.key || p.hash !== hash);
      recordDone(state, {
        key: req.key,
        kind: req.kind,
        hash: hash ?? null,
        outcome: "already-done",
        block: null,
        at: new Date().toISOString(),
      });
      ctx.save();
      ctx.log({ level: "info", event: "action.already-done", key: req.key, reason: describeError(err) });
      return "already-done";
    }
    if (classify(err) === "retryable") {
      // A broadcast transaction stays pending and is reconciled from its receipt later.
      throw err;
    }
    // A revert or a refused call is the action's failure only if the chain is still the one it was derived
    // from (and still holds the transaction, if one was sent); otherwise this resets the state and throws
    // ChainChangedError (retryable), and the next tick starts from the new chain.
    await assertSameChain(ctx, hash);
    // A reverted transaction that was mined: its receipt exists, so the pending entry is resolved now.
    state.pending = state.pending.filter((p) => p.key !== req.key || p.hash !== hash);
    if (hash) {
      recordDone(state, {
        key: req.key,
        kind: req.kind,
        hash,
        outcome: "reverted",
        block: null,
        at: new Date().toISOString(),
      });
    }
    ctx.save();
    ctx.onError(err);
    ctx.log({
      level: "error",
      event: "action.failed",
      key: req.key,
      kind: req.kind,
      retryable: false,
      error: describeError(err),
      errorName: (err as { errorName?: string }).errorName,
      ...req.fields,
    });
    return "failed";
  }
}
