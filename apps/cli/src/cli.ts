import { type ParseArgsConfig, parseArgs } from "node:util";
import { getMarket, getPoolAddress, type MarketDetail } from "@backstop/sdk";
import type { Address } from "viem";
import type { ReadContext, Registry } from "./context.ts";
import {
  MarketNotFoundError,
  MarketNotInsurableError,
  MissingArgumentError,
  PoolNotFoundError,
  UsageError,
} from "./errors.ts";
import { CHAIN_OPTIONS, CHAIN_USAGE } from "./options.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses a chain command's arguments (its own options plus the global ones). Errors are one line, exit 2;
 * `--private-key` is refused (keys come from the keystore or the environment).
 */
export function parseCommand<const O extends Options>(argv: string[], options: O, usage: string) {
  const config = {
    args: normalizeArgv(argv, { ...CHAIN_OPTIONS, ...options }),
    allowPositionals: true,
    options: { ...CHAIN_OPTIONS, ...options },
  } as { args: string[]; allowPositionals: true; options: typeof CHAIN_OPTIONS & O };
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    throw parseError(error, usage);
  }
  if ((parsed.values as { "private-key"?: string })["private-key"] !== undefined)
    throw new UsageError(
      "--private-key is not accepted (keys on the command line leak into shell history): use --account <name> from `backstop keys import`, or $BACKSTOP_PRIVATE_KEY",
    );
  const help = (parsed.values as { help?: boolean }).help;
  return { ...parsed, help: help ? `${usage}\n${CHAIN_USAGE}` : undefined };
}

/**
 * `--amount -5` -> `--amount=-5`: a value that looks like a negative number is the option's value, so the
 * command's own validation reports it ("invalid --amount ...") instead of parseArgs' ambiguity message.
 */
export function normalizeArgv(argv: readonly string[], options?: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const next = argv[i + 1];
    const name = a.startsWith("--") && !a.includes("=") ? a.slice(2) : undefined;
    const takesValue = name !== undefined && (options ? options[name]?.type === "string" : true);
    if (takesValue && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** parseArgs' errors as one-line usage errors. */
export function parseError(error: unknown, usage?: string): unknown {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS")) return error;
  const message = (error as Error).message;
  const option = /'(-{1,2}[^'\s]+)/.exec(message)?.[1] ?? "";
  const cmd = usage ? /usage: (backstop [\w-]+(?: [\w|-]+)?)/.exec(usage)?.[1] : undefined;
  const help = cmd ? ` (see \`${cmd.split(" ").slice(0, 2).join(" ")} --help\`)` : "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return new UsageError(`unknown option ${option}${help}`);
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const name = /--?([\w-]+)/.exec(option)?.[1] ?? option;
    return message.includes("does not take an argument")
      ? new UsageError(`--${name} takes no value${help}`)
      : new UsageError(`missing value for --${name}${help}`);
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
    return new UsageError(`unexpected argument: ${message.split("'")[1] ?? message.split("\n")[0]}${help}`);
  return new UsageError(message.split("\n")[0] ?? "invalid arguments");
}

/** Prints a command's help; exit code 0. */
export function printHelp(text: string): number {
  console.log(text);
  return 0;
}

/** The value of a required option, or a usage error naming it. */
export function required(values: Record<string, unknown>, name: string, usage: string): string {
  const v = values[name];
  if (typeof v !== "string" || v === "") {
    const cmd = /usage: (backstop [\w-]+)/.exec(usage)?.[1];
    throw new MissingArgumentError(`missing --${name}${cmd ? ` (see \`${cmd} --help\`)` : ""}`);
  }
  return v;
}

/** A market's record, failing with a message that lists the valid ids. */
export async function marketOf(ctx: ReadContext, d: Registry, marketId: bigint): Promise<MarketDetail> {
  const { market, marketCount } = await getMarket(ctx.publicClient, { markets: d.markets, marketId });
  if (!market)
    throw new MarketNotFoundError(
      marketCount === 0n
        ? `market ${marketId} does not exist: the deployment has no markets yet (see \`backstop market create\`)`
        : `market ${marketId} does not exist: ids are 1..${marketCount} (see \`backstop markets\`)`,
    );
  return market;
}

/** Refuses a market that sells no cover now, naming its state (FROZEN, TRIGGERED, PAUSED, RETIRED). */
export function assertInsurable(m: MarketDetail): void {
  const why: Record<string, string> = {
    FROZEN:
      "its trigger is confirming a candidate incident, so it sells no cover until the trigger is ACTIVE again",
    TRIGGERED: "its trigger fired; it sells no more cover (holders claim with `backstop claim`)",
    PAUSED: "governance paused it; it sells no cover until unpaused",
    RETIRED: "governance retired it; it sells no more cover",
  };
  if (m.state !== "ACTIVE")
    throw new MarketNotInsurableError(m.id, m.state, why[m.state] ?? "it sells no cover");
}

/** A pool's address by id, failing with the valid ids. */
export async function poolAddressOf(ctx: ReadContext, d: Registry, poolId: bigint): Promise<Address> {
  const { pool, poolCount } = await getPoolAddress(ctx.publicClient, { markets: d.markets, poolId });
  if (!pool)
    throw new PoolNotFoundError(
      poolCount === 0n
        ? `pool ${poolId} does not exist: the deployment has no pools yet (see \`backstop pool create\`)`
        : `pool ${poolId} does not exist: ids are 0..${poolCount - 1n} (see \`backstop pools\`)`,
    );
  return pool;
}
