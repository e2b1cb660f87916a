import { parseCsv } from "../calibration/csv.ts";
import { ValidationError } from "../errors.ts";

export interface PriceObservation {
  /** Unix seconds of the round's updatedAt. */
  time: number;
  price: number;
}

/** Chainlink rounds export: answer_raw_8dec (8 decimals) and updatedAt (unix seconds). */
export function parseChainlinkRounds(csvText: string): PriceObservation[] {
  const rows = parseCsv(csvText).map((row, index) => {
    const answer = Number(row.answer_raw_8dec);
    const time = Number(row.updatedAt);
    if (!Number.isFinite(answer) || answer <= 0)
      throw new ValidationError(
        `rounds[${index}].answer`,
        row.answer_raw_8dec,
        "expected a positive integer",
      );
    if (!Number.isFinite(time) || time <= 0)
      throw new ValidationError(`rounds[${index}].updatedAt`, row.updatedAt, "expected unix seconds");
    return { time, price: answer / 1e8 };
  });
  return rows.sort((a, b) => a.time - b.time);
}

export interface DepegRule {
  peg: number;
  triggerPrice: number;
  recoveryPrice: number;
  windowSeconds: number;
}

/** Etherisc USDC de-peg product: trigger below 0.995, recovery at 0.999, 24 h window. */
export const ETHERISC_USDC_RULE: DepegRule = {
  peg: 1,
  triggerPrice: 0.995,
  recoveryPrice: 0.999,
  windowSeconds: 86_400,
};

export interface DepegEvent {
  candidateAt: number;
  firedAt: number;
  depegPrice: number;
  /** Proportional payout: (peg - de-peg price) / peg, floored at 0. */
  payoutRatio: number;
  /** Lowest price between the candidate and the recovery after firing (what holders really saw). */
  lowestPrice: number;
}

export interface DepegBacktest {
  observations: number;
  from: number;
  to: number;
  minPrice: number;
  minPriceAt: number;
  /** Largest drawdown from the peg: (peg - min price) / peg. */
  maxDrawdown: number;
  events: DepegEvent[];
  /** Candidates cancelled by a recovery inside the window: dips no policy was paid for. */
  cancelledCandidates: number;
  /** Deepest drawdown among cancelled candidates. */
  deepestUnpaidDrawdown: number;
  maxPayoutRatio: number;
  /** maxDrawdown - maxPayoutRatio: loss a holder bore beyond what the trigger paid. */
  basisGap: number;
}

/**
 * Runs the rule: a candidate starts at the first observation below the trigger price; a recovery
 * (an observation at or above the recovery price) before candidate + window cancels it; otherwise
 * the trigger fires at the first observation at or after candidate + window, at that price. After
 * firing, the rule re-arms once the price recovers, so a series can show several events.
 */
export function backtestDepegRule(
  observations: PriceObservation[],
  rule: DepegRule = ETHERISC_USDC_RULE,
): DepegBacktest {
  if (observations.length === 0) throw new ValidationError("observations", 0, "expected at least one price");
  const events: DepegEvent[] = [];
  let cancelledCandidates = 0;
  let deepestUnpaidDrawdown = 0;
  let candidate: { at: number; low: number } | undefined;
  let fired: DepegEvent | undefined;
  let minPrice = Number.POSITIVE_INFINITY;
  let minPriceAt = 0;
  for (const { time, price } of observations) {
    if (price < minPrice) {
      minPrice = price;
      minPriceAt = time;
    }
    if (fired) {
      fired.lowestPrice = Math.min(fired.lowestPrice, price);
      if (price >= rule.recoveryPrice) fired = undefined;
      continue;
    }
    if (candidate) {
      candidate.low = Math.min(candidate.low, price);
      if (time >= candidate.at + rule.windowSeconds) {
        fired = {
          candidateAt: candidate.at,
          firedAt: time,
          depegPrice: price,
          payoutRatio: Math.max(0, (rule.peg - price) / rule.peg),
          lowestPrice: candidate.low,
        };
        events.push(fired);
        candidate = undefined;
        if (price >= rule.recoveryPrice) fired = undefined;
        continue;
      }
      if (price >= rule.recoveryPrice) {
        cancelledCandidates++;
        deepestUnpaidDrawdown = Math.max(deepestUnpaidDrawdown, (rule.peg - candidate.low) / rule.peg);
        candidate = undefined;
      }
      continue;
    }
    if (price < rule.triggerPrice) candidate = { at: time, low: price };
  }
  const maxDrawdown = Math.max(0, (rule.peg - minPrice) / rule.peg);
  const maxPayoutRatio = Math.max(0, ...events.map((e) => e.payoutRatio));
  return {
    observations: observations.length,
    from: observations[0]?.time ?? 0,
    to: observations.at(-1)?.time ?? 0,
    minPrice,
    minPriceAt,
    maxDrawdown,
    events,
    cancelledCandidates,
    deepestUnpaidDrawdown,
    maxPayoutRatio,
    basisGap: maxDrawdown - maxPayoutRatio,
  };
}
