import { type Address, isAddress } from "viem";
import type { PeripheryRecord, Registry } from "./context.ts";
import { InvalidArgumentError, PeripheryNotFoundError } from "./errors.ts";

/** The periphery the deployment records (a devnet seed), if any. */
export function peripheryOf(d: Registry): PeripheryRecord | undefined {
  return d.seed?.periphery;
}

/**
 * An address option that also takes a recorded name (`--vault demo`): a 0x address as is, else the name looked up
 * in `names`; fails listing the known names.
 */
export function resolveNamed(
  option: string,
  raw: string,
  names: Record<string, Address> | undefined,
  what: string,
): Address {
  if (raw.startsWith("0x")) {
    if (!isAddress(raw)) throw new InvalidArgumentError(option, raw, "a 0x address or a recorded name");
    return raw;
  }
  const found = names?.[raw];
  if (found) return found;
  const known = Object.keys(names ?? {});
  throw new PeripheryNotFoundError(
    known.length
      ? `no ${what} named "${raw}": known are ${known.join(", ")} (or pass its 0x address)`
      : `no ${what} named "${raw}": this deployment records none (pass its 0x address; \`backstop dev\` seeds "demo")`,
  );
}

/** The router: --router, else the recorded one. */
export function routerOf(d: Registry, raw: string | undefined): Address {
  if (raw) return resolveNamed("--router", raw, undefined, "router");
  const r = peripheryOf(d)?.router;
  if (!r)
    throw new PeripheryNotFoundError(
      "no InsuredRouter is recorded for this deployment: pass --router <addr> (`backstop dev` deploys one)",
    );
  return r;
}
