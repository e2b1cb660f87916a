import { ContractRevertError } from "@backstop/sdk";
import {
  ContractFunctionRevertedError,
  ExecutionRevertedError,
  HttpRequestError,
  InternalRpcError,
  InvalidParamsRpcError,
  LimitExceededRpcError,
  NonceTooLowError,
  ResourceUnavailableRpcError,
  SocketClosedError,
  TimeoutError,
  TransactionReceiptNotFoundError,
  WaitForTransactionReceiptTimeoutError,
} from "viem";
import { ChainChangedError } from "./errors.ts";

/** Whether an error is worth retrying (the RPC or network failed) or not (the chain said no). */
export type ErrorClass = "retryable" | "non-retryable";

const RETRYABLE = [
  HttpRequestError,
  TimeoutError,
  SocketClosedError,
  InternalRpcError,
  InvalidParamsRpcError,
  LimitExceededRpcError,
  ResourceUnavailableRpcError,
  NonceTooLowError,
  TransactionReceiptNotFoundError,
  WaitForTransactionReceiptTimeoutError,
];
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * Classifies an error from an RPC call or a transaction: a decoded revert (the SDK's ContractRevertError) or
 * any execution revert is final; transport failures, timeouts, rate limits and nonce races are retryable.
 * Anything unrecognised is treated as final so the keeper never loops on it.
 */
export function classify(err: unknown): ErrorClass {
  let retryable = false;
  let reverted = false;
  for (const e of causes(err)) {
    // Whatever the chain said, it said it about another chain than the tick's: derive again on the next tick.
    if (e instanceof ChainChangedError) return "retryable";
    if (e instanceof ContractRevertError) reverted = true;
    if (e instanceof ContractFunctionRevertedError || e instanceof ExecutionRevertedError) reverted = true;
    if (RETRYABLE.some((C) => e instanceof C)) retryable = true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) retryable = true;
    if (
      e instanceof Error &&
      /fetch failed|socket hang up|nonce too low|replacement transaction/i.test(e.message)
    )
      retryable = true;
  }
  return retryable && !reverted ? "retryable" : "non-retryable";
}

function* causes(err: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e !== undefined && e !== null && !seen.has(e)) {
    seen.add(e);
    yield e;
    e = (e as { cause?: unknown }).cause;
  }
}

/** A one-line description of an error for logs and /health. */
export function describeError(err: unknown): string {
  if (err instanceof Error)
    return (err as { shortMessage?: string }).shortMessage ?? err.message.split("\n")[0] ?? "";
  return String(err);
}
