import { BaseError as CoreBaseError } from "@backstop/core";

/** What a risk-engine error takes: structured `details` (field names to values), a hint, a cause. */
export type RiskErrorParameters = {
  /** The values behind the message; kept as `context`, and rendered into the string `details`. */
  details?: Record<string, unknown>;
  /** What the caller should change. */
  hint?: string;
  cause?: unknown;
};

/**
 * Root of every error the risk engine throws: a short message plus structured details. It extends the one
 * `BaseError` of `@backstop/core` (so `instanceof BaseError` from core holds and `formatError` applies); the
 * structured values are on `context` (the string `details` renders them as `key=value, ...`).
 */
export class RiskError extends CoreBaseError {
  override name = "RiskError";

  constructor(shortMessage: string, options: RiskErrorParameters = {}) {
    const entries = Object.entries(options.details ?? {});
    super(shortMessage, {
      cause: options.cause,
      hint: options.hint,
      context: options.details ?? {},
      ...(entries.length ? { details: entries.map(([k, v]) => `${k}=${formatValue(v)}`).join(", ") } : {}),
    });
  }
}

/** The risk engine's root error, under its former name. */
export { RiskError as BaseError };

/** An input (profile, portfolio, CSV, option) is invalid; names the field and the offending value. */
export class ValidationError extends RiskError {
  override name = "ValidationError";
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
  override name = "DependencyCycleError";
  readonly cycle: string[];

  constructor(cycle: string[]) {
    super("portfolio.markets.dependencies", cycle.join(" -> "), "dependency cycle");
    this.cycle = cycle;
  }
}

/** The data cannot support the requested fit (too few points, degenerate sample). */
export class CalibrationError extends RiskError {
  override name = "CalibrationError";
}

/** A worker thread of the parallel simulation failed. */
export class SimulationError extends RiskError {
  override name = "SimulationError";
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
