import { type ParseArgsConfig, parseArgs } from "node:util";
import { marketsAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { ReadContext, Registry } from "./chain/context.ts";
import { UsageError } from "./command.ts";
import { NotReadyError } from "./errors.ts";
import { CHAIN_OPTIONS, CHAIN_USAGE } from "./options.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses a chain command's arguments (its own options plus --rpc-url, --private-key, --json, --help). */
export function parseCommand<const O extends Options>(argv: string[], options: O, usage: string) {
  const config = { args: argv, allowPositionals: true, options: { ...CHAIN_OPTIONS, ...options } } as {
    args: string[];
    allowPositionals: true;
    options: typeof CHAIN_OPTIONS & O;
  };
  const parsed = parseArgs(config);
  const help = (parsed.values as { help?: boolean }).help;
  return { ...parsed, help: help ? `${usage}\n${CHAIN_USAGE}` : undefined };
}

/** Prints a command's help; exit code 0. */
export function printHelp(text: string): number {
  console.log(text);
  return 0;
}

/** The value of a required option, or a usage error naming it. */
export function required(values: Record<string, unknown>, name: string, usage: string): string {
  const v = values[name];
  if (typeof v !== "string" || v === "")
    throw new UsageError(`missing --${name}\n${usage}`.split("\n")[0] ?? "");
  return v;
}

/** A market's on-chain record, failing with a message that lists the valid ids. */
export async function marketOf(ctx: ReadContext, d: Registry, marketId: bigint) {
  const count = await ctx.publicClient.readContract({
    address: d.markets,
    abi: marketsAbi,
    functionName: "marketCount",
  });
  if (marketId < 1n || marketId > count)
    throw new NotReadyError(
      `market ${marketId} does not exist: ids are 1..${count} (see \`backstop markets\`)`,
    );
  return ctx.publicClient.readContract({
    address: d.markets,
    abi: marketsAbi,
    functionName: "market",
    args: [marketId],
  });
}

/** A pool's address by id, failing with the valid ids. */
export async function poolAddressOf(ctx: ReadContext, d: Registry, poolId: bigint): Promise<Address> {
  const count = await ctx.publicClient.readContract({
    address: d.markets,
    abi: marketsAbi,
    functionName: "poolCount",
  });
  if (poolId >= count)
    throw new NotReadyError(
      `pool ${poolId} does not exist: ids are 0..${count - 1n} (see \`backstop pools\`)`,
    );
  return ctx.publicClient.readContract({
    address: d.markets,
    abi: marketsAbi,
    functionName: "pool",
    args: [poolId],
  });
}
