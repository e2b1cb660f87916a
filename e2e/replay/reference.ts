// Off-chain reference of the PegTrigger rule over one feed's rounds (the replay's three feeds answer alike, so
// the consensus is the round's answer). The replay compares the chain's result against it.
import type { ReplayOptions, Round } from "./input.ts";

export interface ReferenceOutcome {
  candidates: number;
  cancelled: number;
  candidate: Round | null;
  fire: Round | null;
  /** (peg - depeg) / peg in basis points, rounded down; null unless fired. */
  payoutBps: number | null;
}

type RuleOptions = Pick<ReplayOptions, "peg" | "triggerPrice" | "recoveryPrice" | "window" | "maxStaleness">;

/** Applies the de-peg rule to rounds ordered by updatedAt, one observation per round. */
export function referenceOutcome(rounds: readonly Round[], o: RuleOptions): ReferenceOutcome {
  let candidate: Round | null = null;
  let candidates = 0;
  let cancelled = 0;
  for (const r of rounds) {
    if (r.answer <= 0n || r.answeredInRound < r.roundId) continue;
    if (candidate === null) {
      if (r.answer < o.triggerPrice) {
        candidate = r;
        candidates++;
      }
    } else if (r.answer >= o.recoveryPrice) {
      candidate = null;
      cancelled++;
    } else if (r.updatedAt >= candidate.updatedAt + o.window) {
      const payout = r.answer >= o.peg ? 0n : ((o.peg - r.answer) * 10_000n) / o.peg;
      return { candidates, cancelled, candidate, fire: r, payoutBps: Number(payout) };
    }
  }
  return { candidates, cancelled, candidate: null, fire: null, payoutBps: null };
}
