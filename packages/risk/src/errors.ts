/** Root of every error the risk engine throws: a short message plus structured details. */
export class BaseError extends Error {
  override readonly name: string = "BaseError";
  readonly shortMessage: string;
  readonly details: Record<string, unknown>;

  constructor(shortMessage: string, options: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(shortMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details ?? {};
  }
}

/** An input (profile, portfolio, CSV, option) is invalid; names the field and the offending value. */
export class ValidationError extends BaseError {
  override readonly name: string = "ValidationError";
  readonly field: string;
  readonly value: unknown;

  constructor(field: string, value: unknown, reason: string) {
    super(`invalid ${field}: ${reason} (got ${formatValue(value)})`, { details: { field, value, reason } });
    this.field = field;
    this.value = value;
  }
}

/** The dependency graph contains a cycle, so common shocks cannot be propagated. */
export class DependencyCycleError extends ValidationError {
  override readonly name = "DependencyCycleError";
  readonly cycle: string[];

  constructor(cycle: string[]) {
    super("portfolio.markets.dependencies", cycle.join(" -> "), "dependency cycle");
    this.cycle = cycle;
  }
}

/** The data cannot support the requested fit (too few points, degenerate sample). */
export class CalibrationError extends BaseError {
  override readonly name = "CalibrationError";
}

/** A worker thread of the parallel simulation failed. */
export class SimulationError extends BaseError {
  override readonly name = "SimulationError";
}

export function formatValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    return String(value);
  if (value === undefined) return "undefined";
  if (typeof value === "string") return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}
