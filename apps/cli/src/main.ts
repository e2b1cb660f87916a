import { normalizeArgv, parseError } from "./cli.ts";
import { COMMANDS } from "./commands/index.ts";
import { CliError, EXIT, errorCode, UsageError } from "./errors.ts";
import { humanizeTimes } from "./format/time.ts";
import { toJson } from "./options.ts";

async function help(): Promise<string> {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = await Promise.all(
    Object.entries(COMMANDS).map(
      async ([name, load]) => `  ${name.padEnd(width)}  ${(await load()).default.summary}`,
    ),
  );
  return [
    "usage: backstop <command> [options]   (backstop <command> --help for its options)",
    "",
    "commands:",
    ...lines,
    "",
    "global options: --network <name>, --rpc-url <url>, --account <name>, --yes, --json (docs/cli.md)",
    "",
    "exit codes: 0 success, 1 runtime or chain failure, 2 usage error (docs/cli.md)",
  ].join("\n");
}

/** An error as one line, its machine code and the exit code (0/1/2 table in errors.ts): never a stack trace. */
export function describeError(raw: unknown): { message: string; code: string; exitCode: number } {
  const error = parseError(raw);
  const first = (s: string) => s.split("\n")[0] ?? "error";
  if (error instanceof CliError)
    return { message: first(error.shortMessage), code: errorCode(error), exitCode: error.exitCode };
  const short = (error as { shortMessage?: unknown })?.shortMessage;
  if (typeof short === "string")
    return { message: humanizeTimes(first(short)), code: errorCode(error), exitCode: EXIT.FAILURE };
  const code = (error as { code?: unknown })?.code;
  if (code === "ENOENT")
    return {
      message: `file not found: ${(error as { path?: string }).path ?? ""}`,
      code: "FILE_NOT_FOUND",
      exitCode: EXIT.FAILURE,
    };
  if (error instanceof SyntaxError)
    return { message: `invalid JSON: ${first(error.message)}`, code: "INVALID_JSON", exitCode: EXIT.FAILURE };
  return {
    message: error instanceof Error ? first(error.message) : String(error),
    code: errorCode(error),
    exitCode: EXIT.FAILURE,
  };
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    console.log(await help());
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const load = COMMANDS[name];
  if (!load) throw new UsageError(`unknown command "${name}" (try: ${Object.keys(COMMANDS).join(", ")})`);
  const command = (await load()).default;
  return command.run(normalizeArgv(rest));
}

const argv = process.argv.slice(2);
main(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const { message, code, exitCode } = describeError(error);
    // With --json, stdout carries the error as JSON (as it carries results); stderr always has the line.
    if (argv.includes("--json")) console.log(toJson({ error: { code, message } }));
    process.stderr.write(`backstop: ${message}\n`);
    if (process.env.BACKSTOP_DEBUG) console.error(error);
    process.exitCode = exitCode;
  },
);
