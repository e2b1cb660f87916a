// Plain words for a market's terms and state.
import type { Schemas } from "./api/client.ts";
import { duration } from "./format.ts";

export function claimModeLabel(mode: number): string {
  return mode === 0 ? "parametric" : "assessed";
}

/** ACTIVE, PAUSED, RETIRED, FROZEN (trigger in progress) or TRIGGERED. */
export function marketStateLabel(m: Pick<Schemas["Market"], "status" | "triggerState">): string {
  if (m.status === 4 || m.triggerState === 2) return "TRIGGERED";
  if (m.status === 2) return "PAUSED";
  if (m.status === 3) return "RETIRED";
  if (m.triggerState === 1) return "FROZEN";
  return "ACTIVE";
}

/** Whether cover can be bought now. */
export function isOnSale(m: Pick<Schemas["Market"], "status" | "triggerState">): boolean {
  return marketStateLabel(m) === "ACTIVE";
}

const KIND: Record<string, string> = {
  peg: "pays when the asset's price stays below its trigger price on a majority of independent feeds for the whole window, with no recovery in between: a one-block spike or one bad feed cannot trigger it",
  drain:
    "pays when the bridge's balance falls by more than the allowed share inside the window, confirmed after a delay",
  committee:
    "pays when the committee's threshold of signers attests the event and nobody disputes it within the challenge period",
  optimistic:
    "pays when an assertion of the event is posted with a bond and not disputed within its liveness period",
  assessed:
    "pays after you submit a claim with evidence: it pays on the fast track unless someone challenges it, then assessors vote",
};

/** One paragraph of the market's terms in plain words. */
export function termsInWords(m: Schemas["Market"], kind: string | undefined): string[] {
  const lines = [
    kind && KIND[kind]
      ? `It ${KIND[kind]}.`
      : m.claimMode === 0
        ? "It pays automatically when its trigger fires."
        : "It pays after a claim is assessed.",
    m.claimMode === 0
      ? "Payouts are parametric: the keeper pays every eligible policy to its holder, no claim needed."
      : "You submit a claim with evidence; an unchallenged claim pays on the fast track.",
    m.payoutMode === 1
      ? "The payout is proportional to the loss the trigger measures."
      : "The payout is the covered amount (less the deductible).",
    m.deductibleBps > 0
      ? `A deductible of ${(m.deductibleBps / 100).toFixed(2)}% of each payout is kept.`
      : "There is no deductible.",
    `Cover runs from ${duration(m.minPeriod)} to ${duration(m.maxPeriod)}.`,
    `Claims and payouts stay open for ${duration(m.claimWindow)} after an incident.`,
  ];
  return lines;
}
