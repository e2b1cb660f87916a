import type { FormatOptions } from "../errors/contract.ts";
import { toBackstopError } from "../errors/decode.ts";

/**
 * Runs reads (any viem `readContract`, `multicall`, `simulateContract`...); a revert becomes the SDK's typed
 * error (a ContractRevertError subclass carrying the custom error's arguments), anything else an
 * UnknownRevertError wrapping it. Every read action of the SDK runs through it.
 */
export async function withBackstopErrors<T>(read: () => Promise<T>, options: FormatOptions = {}): Promise<T> {
  try {
    return await read();
  } catch (err) {
    throw toBackstopError(err, options);
  }
}

/** Runs a read; a revert becomes the SDK's typed error, like writes. */
export const guarded: <T>(read: () => Promise<T>) => Promise<T> = (read) => withBackstopErrors(read);
