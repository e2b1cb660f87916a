import { decodeErrorResult, type Hex, BaseError as ViemBaseError } from "viem";
import { backstopErrorsAbi } from "./abi.ts";
import { ContractRevertError, contractError, type FormatOptions, UnknownRevertError } from "./contract.ts";

/** Finds the raw revert data inside a viem error chain. */
export function revertData(err: unknown): Hex | undefined {
  if (!(err instanceof ViemBaseError)) return undefined;
  let found: Hex | undefined;
  err.walk((e) => {
    const raw = (e as { raw?: unknown }).raw;
    if (typeof raw === "string" && raw.startsWith("0x") && raw.length >= 10) found ??= raw as Hex;
    const data = (e as { data?: unknown }).data;
    if (typeof data === "string" && data.startsWith("0x") && data.length >= 10) found ??= data as Hex;
    return false;
  });
  return found;
}

/** Decodes revert data into the protocol's typed error, or undefined when it is not one of its errors. */
export function decodeRevert(
  data: Hex,
  options: FormatOptions & { cause?: unknown } = {},
): ContractRevertError | undefined {
  try {
    const decoded = decodeErrorResult({ abi: backstopErrorsAbi, data });
    const inputNames = decoded.abiItem.inputs.map((input, i) => input.name || `arg${i}`);
    return contractError(decoded.errorName, (decoded.args ?? []) as readonly unknown[], {
      ...options,
      inputNames,
    });
  } catch {
    return undefined;
  }
}

/**
 * Turns anything a viem call throws into one of the SDK's errors: a typed protocol error when the revert
 * data decodes, else an UnknownRevertError carrying the original as cause. Works for writes (simulation and
 * receipt) and reads (`readContract` reverts) alike.
 */
export function toBackstopError(
  err: unknown,
  options: FormatOptions = {},
): ContractRevertError | UnknownRevertError {
  // Already one of ours (a decoded revert, or an error raised by the SDK itself): keep it.
  if (err instanceof ContractRevertError || err instanceof UnknownRevertError) return err;
  const data = revertData(err);
  const decoded = data ? decodeRevert(data, { ...options, cause: err }) : undefined;
  if (decoded) return decoded;
  const short =
    err instanceof ViemBaseError ? err.shortMessage : err instanceof Error ? err.message : String(err);
  return new UnknownRevertError(short, { cause: err });
}
