import { BaseError as CoreError } from "@backstop/core";
import { BaseError } from "@backstop/risk";
import { UsageError } from "./command.ts";
import { COMMANDS } from "./commands/index.ts";

function help(): string {
  return [
    "usage: backstop <command> [options]",
    "",
    "commands:",
    ...Object.keys(COMMANDS).map((name) => `  ${name}`),
  ].join("\n");
}

/** Errors become one line on stderr: never a stack trace for expected failures. */
function describeError(error: unknown): { message: string; code: number } {
  if (error instanceof UsageError) return { message: error.message, code: 2 };
  if (error instanceof BaseError || error instanceof CoreError)
    return { message: error.shortMessage, code: 1 };
  const short = (error as { shortMessage?: unknown })?.shortMessage;
  if (typeof short === "string") return { message: short.split("\n")[0] ?? "error", code: 1 };
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS"))
    return { message: (error as Error).message, code: 2 };
  if (code === "ENOENT")
    return { message: `file not found: ${(error as { path?: string }).path ?? ""}`, code: 1 };
  if (error instanceof SyntaxError) return { message: `invalid JSON: ${error.message}`, code: 1 };
  return {
    message: error instanceof Error ? (error.message.split("\n")[0] ?? "error") : String(error),
    code: 1,
  };
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    console.log(help());
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) throw new UsageError(`unknown command "${name}" (try: ${Object.keys(COMMANDS).join(", ")})`);
  const command = (await load()).default;
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const { message, code } = describeError(error);
    process.stderr.write(`backstop: ${message}\n`);
    if (process.env.BACKSTOP_DEBUG) console.error(error);
    process.exitCode = code;
  },
);
