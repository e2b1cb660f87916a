import { toBackstopError } from "../errors/decode.ts";

/** Runs a read; a revert becomes the SDK's typed error, like writes. */
export async function guarded<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    throw toBackstopError(err);
  }
}
