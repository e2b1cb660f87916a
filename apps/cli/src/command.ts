/** A top-level `backstop <name>` command. */
export interface Command {
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** Thrown for bad command-line usage; main prints it on one line and exits 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
