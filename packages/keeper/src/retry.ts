import { classify } from "./classify.ts";

export type RetryOptions = {
  /** Attempts after the first (default 3). */
  retries?: number;
  /** First delay in ms, doubled each attempt (default 250). */
  baseDelayMs?: number;
  /** Delay cap in ms (default 5000). */
  maxDelayMs?: number;
  /** Called before each retry with the attempt number (1-based), the delay and the error. */
  onRetry?: (attempt: number, delayMs: number, err: unknown) => void;
  /** Return false to stop retrying even a retryable error (e.g. a transaction was already broadcast). */
  shouldRetry?: (err: unknown) => boolean;
};

/** The delay before retry `attempt` (1-based): base x 2^(attempt-1), capped. */
export function backoffDelay(attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
}

/** Runs `fn`, retrying retryable errors with exponential backoff; non-retryable errors are thrown at once. */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { retries = 3, baseDelayMs = 250, maxDelayMs = 5_000 } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const again =
        attempt < retries && classify(err) === "retryable" && (options.shouldRetry?.(err) ?? true);
      if (!again) throw err;
      const delay = backoffDelay(attempt + 1, baseDelayMs, maxDelayMs);
      options.onRetry?.(attempt + 1, delay, err);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
