/** A top-level `backstop <name>` command. */
export interface Command {
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** Bad command-line usage; main prints it on one line and exits 2. */
export { UsageError } from "./errors.ts";
