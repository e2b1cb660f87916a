import type { PriceObservation } from "../backtest/depeg.ts";
import { backtestDepegRule, type DepegRule, ETHERISC_USDC_RULE } from "../backtest/depeg.ts";
import { CalibrationError } from "../errors.ts";
import { parseCsv } from "./csv.ts";

/**
 * Loss given an exploit as a share of the protocol's TVL just before it, fitted on
 * data/exposure/tvl_at_incident.csv: log(share) = a + b log10(TVL / $100M) + sigma Z. Larger
 * protocols lose a smaller share (one market of many is hit). Rows whose share is an artefact
 * (nominal loss, loss stated equal to TVL) or whose scope is a parent protocol are left out.
 */
export interface LossGivenExploit {
  intercept: number;
  slope: number;
  sigma: number;
  sampleSize: number;
}

export function medianLossShare(lge: LossGivenExploit, tvlUsd: number): number {
  return Math.min(1, Math.exp(lge.intercept + lge.slope * Math.log10(tvlUsd / 1e8)));
}

/** The fit on the bundled exposure table (recomputed by fitLossGivenExploit; kept for pure callers). */
export const DEFAULT_LOSS_GIVEN_EXPLOIT: LossGivenExploit = {
  intercept: -1.0745,
  slope: -0.6911,
  sigma: 1.0478,
  sampleSize: 24,
};

const ARTEFACTS = new Set(["BonqDAO", "BeanstalkFarms"]);

export function fitLossGivenExploit(csvText: string): LossGivenExploit {
  const rows = parseCsv(csvText)
    .filter((r) => !ARTEFACTS.has((r.protocol ?? "").trim()) && r.tvl_scope !== "parent-protocol")
    .map((r) => ({ share: Number(r.loss_share), tvl: Number(r.tvl_usd_before) }))
    .filter((r) => r.share > 0 && r.share <= 1 && r.tvl > 0);
  if (rows.length < 8)
    throw new CalibrationError("too few TVL facts to fit loss given exploit", {
      details: { rows: rows.length },
    });
  const x = rows.map((r) => Math.log10(r.tvl / 1e8));
  const y = rows.map((r) => Math.log(r.share));
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  const sxx = x.reduce((s, v) => s + (v - mx) ** 2, 0);
  const slope = x.reduce((s, v, i) => s + (v - mx) * ((y[i] as number) - my), 0) / sxx;
  const intercept = my - slope * mx;
  const residual = y.reduce((s, v, i) => s + (v - intercept - slope * (x[i] as number)) ** 2, 0);
  return { intercept, slope, sigma: Math.sqrt(residual / (rows.length - 2)), sampleSize: rows.length };
}

/** De-peg peril calibrated on price history, not on exploit counts. */
export interface DepegCalibration {
  rule: DepegRule;
  feedYears: number;
  events: number;
  /** Events per feed-year, (events + 0.5) / feed-years (Jeffreys). */
  annualRate: number;
  /** Pareto tail of the paid depth: minDepth and alpha (maximum likelihood). */
  minDepth: number;
  alpha: number;
  feeds: { feed: string; years: number; events: number; episodes: number; deepest: number }[];
}

/** Trigger events less than this apart are one de-peg episode (one cause, one claim wave). */
export const EPISODE_GAP_SECONDS = 30 * 86_400;

/**
 * Runs the trigger rule over the feeds: the rate is de-peg episodes (trigger events less than 30
 * days apart merged) per feed-year over `rateFeeds` (default: all); the paid depth beyond the
 * trigger's distance from the peg is Pareto with alpha fitted by maximum likelihood on the deepest
 * drawdown of each episode of the same feeds (at least 3 episodes, else alpha 1.3).
 */
export function calibrateDepeg(
  feeds: { feed: string; observations: PriceObservation[] }[],
  rule: DepegRule = ETHERISC_USDC_RULE,
  rateFeeds?: readonly string[],
): DepegCalibration {
  const minDepth = (rule.peg - rule.triggerPrice) / rule.peg;
  let feedYears = 0;
  let rateEpisodes = 0;
  const depths: number[] = [];
  const perFeed = feeds.map(({ feed, observations }) => {
    const result = backtestDepegRule(observations, rule);
    const years = (result.to - result.from) / (365.25 * 86_400);
    const episodes: number[] = [];
    let lastAt = Number.NEGATIVE_INFINITY;
    for (const e of result.events) {
      const depth = Math.max(minDepth, (rule.peg - e.lowestPrice) / rule.peg);
      if (e.candidateAt - lastAt > EPISODE_GAP_SECONDS) episodes.push(depth);
      else episodes[episodes.length - 1] = Math.max(episodes.at(-1) ?? 0, depth);
      lastAt = e.firedAt;
    }
    if (!rateFeeds || rateFeeds.includes(feed)) {
      depths.push(...episodes);
      feedYears += years;
      rateEpisodes += episodes.length;
    }
    return {
      feed,
      years,
      events: result.events.length,
      episodes: episodes.length,
      deepest: Math.max(0, ...episodes),
    };
  });
  if (!(feedYears > 0)) throw new CalibrationError("no price history to calibrate de-peg risk");
  const logSum = depths.reduce((s, d) => s + Math.log(d / minDepth), 0);
  // With no events (or all at the threshold) fall back to alpha = 1.3 (a de-peg to 2.2% on average).
  const alpha = depths.length >= 3 && logSum > 0 ? depths.length / logSum : 1.3;
  return {
    rule,
    feedYears,
    events: rateEpisodes,
    annualRate: (rateEpisodes + 0.5) / feedYears,
    minDepth,
    alpha,
    feeds: perFeed,
  };
}
