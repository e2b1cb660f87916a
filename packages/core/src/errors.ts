/** The root of every error raised by Backstop's TypeScript packages. */
export class BaseError extends Error {
  override name = "BaseError";
  /** A one-line summary. */
  readonly shortMessage: string;
  /** What to change, or extra context. */
  readonly details: string | undefined;

  constructor(shortMessage: string, options: { details?: string; cause?: unknown } = {}) {
    super(options.details ? `${shortMessage}\n\nDetails: ${options.details}` : shortMessage, {
      cause: options.cause,
    });
    this.shortMessage = shortMessage;
    this.details = options.details;
  }
}

/** Thrown when a math function gets arguments outside its domain (the Solidity code would revert). */
export class MathDomainError extends BaseError {
  override name = "MathDomainError";
}
