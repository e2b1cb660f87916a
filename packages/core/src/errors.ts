/** What every Backstop error takes besides its one-line summary. */
export type BaseErrorParameters = {
  /** Extra context, appended to the message after the summary. */
  details?: string | undefined;
  /** The error this one wraps (a viem error, a failed read, ...). */
  cause?: unknown;
  /** Further lines (one fact each) shown between the summary and the details, as viem does. */
  metaMessages?: readonly string[] | undefined;
  /** What the caller should change, when the summary does not say it already. */
  hint?: string | undefined;
  /** Structured values behind the message (field names to values), for programs rather than people. */
  context?: Readonly<Record<string, unknown>> | undefined;
};

/**
 * The root of every error raised by Backstop's TypeScript packages (core, risk, sdk and the apps): a
 * one-line `shortMessage`, optional `details` and `metaMessages` (the shape of viem's `BaseError`), the
 * wrapped `cause`, and `walk` over the cause chain. `formatError` turns any of them into one sentence.
 */
export class BaseError extends Error {
  override name = "BaseError";
  /** A one-line summary. */
  readonly shortMessage: string;
  /** What to change, or extra context. */
  readonly details: string | undefined;
  /** Further lines of context. */
  readonly metaMessages: readonly string[];
  /** What the caller should change (when the summary does not say it). */
  readonly hint: string | undefined;
  /** Structured values behind the message. */
  readonly context: Readonly<Record<string, unknown>>;

  constructor(shortMessage: string, options: BaseErrorParameters = {}) {
    const meta = options.metaMessages ?? [];
    const lines = [shortMessage];
    if (meta.length) lines.push("", ...meta);
    if (options.details) lines.push("", `Details: ${options.details}`);
    super(lines.join("\n"), options.cause === undefined ? undefined : { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details;
    this.metaMessages = meta;
    this.hint = options.hint;
    this.context = options.context ?? {};
  }

  /**
   * Walks the cause chain: returns the first error (this one included) for which `fn` holds, or, without
   * `fn`, the innermost cause. Same contract as viem's `BaseError.walk`.
   */
  walk(fn?: (err: unknown) => boolean): unknown {
    return walk(this, fn);
  }

  /** One human sentence: what went wrong and what to change. */
  toSentence(): string {
    const base = sentence(this.shortMessage);
    if (!this.hint || base.toLowerCase().includes(this.hint.toLowerCase())) return base;
    return `${base.replace(/\.$/, "")}; ${this.hint.replace(/\.$/, "")}.`;
  }
}

/** Thrown when a math function gets arguments outside its domain (the Solidity code would revert). */
export class MathDomainError extends BaseError {
  override name = "MathDomainError";
}

/** Walks `err`'s cause chain; see `BaseError.walk`. */
export function walk(err: unknown, fn?: (err: unknown) => boolean): unknown {
  const seen = new Set<unknown>();
  let e: unknown = err;
  let last: unknown = err;
  while (e !== undefined && e !== null && !seen.has(e)) {
    if (fn?.(e)) return e;
    seen.add(e);
    last = e;
    e = (e as { cause?: unknown }).cause;
  }
  return fn ? undefined : last;
}

/** Makes `text` one sentence: one line, a capital first letter, a final full stop. */
export function sentence(text: string): string {
  const line = text.replace(/\s*\n+\s*/g, " ").trim();
  if (!line) return "Unknown error.";
  const capital = line[0]?.toUpperCase() + line.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * One human sentence for any error, saying what went wrong and what to change: the outermost Backstop
 * `BaseError`'s `toSentence()` (a decoded revert says which argument to change), else a viem error's
 * `shortMessage`, else the first line of the message.
 */
export function formatError(err: unknown): string {
  const ours = walk(err, (e) => e instanceof BaseError) as BaseError | undefined;
  if (ours) return ours.toSentence();
  if (err instanceof Error) {
    const short = (err as { shortMessage?: unknown }).shortMessage;
    return sentence(typeof short === "string" && short ? short : (err.message.split("\n")[0] ?? ""));
  }
  return sentence(String(err));
}
