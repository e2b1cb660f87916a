import type { Calibration } from "../calibration/calibrate.ts";
import { CalibrationError } from "../errors.ts";
import { dependencySources } from "./graph.ts";
import type { MarketProfile, Portfolio, SeveritySpec } from "./profile.ts";
import { defaultSeverity, lossRatioMoments } from "./severity-spec.ts";

export interface FactorContribution {
  factor: string;
  /** Human-readable input the factor read, e.g. "2 audits". */
  input: string;
  /** Multiplier on the annual event frequency (1 = neutral). */
  multiplier: number;
  /** Score points this factor adds (negative lowers risk); points sum to the unclamped score. */
  points: number;
}

export interface MarketScore {
  marketId: string;
  /** 0 (safest) .. 100 (riskiest); log-linear in the annual event frequency. */
  score: number;
  /** Probability of at least one loss event in a year, own or via dependencies. */
  annualLossProbability: number;
  /** Probability of the market's own insured event in a year. */
  ownEventProbability: number;
  /** Expected payout per unit of cover per year (the pure premium rate). */
  expectedLossRate: number;
  /** Expected payout ratio given the market's own event. */
  meanLossRatio: number;
  /** Mean payout ratio in the worst 0.5% of events (used for standalone capital). */
  tailLossRatio: number;
  severity: SeveritySpec;
  factors: FactorContribution[];
  /** Points removed or added by clamping the score to [0, 100]. */
  clampAdjustment: number;
}

/** Frequencies mapped to the ends of the score scale: 0.1%/year -> 0, 50%/year -> 100. */
const SCORE_FLOOR_FREQUENCY = 0.001;
const SCORE_CAP_FREQUENCY = 0.5;
const SCORE_RANGE = Math.log(SCORE_CAP_FREQUENCY / SCORE_FLOOR_FREQUENCY);
const toPoints = (multiplier: number) => (100 * Math.log(multiplier)) / SCORE_RANGE;
const clamp = (x: number, low: number, high: number) => Math.min(high, Math.max(low, x));

/**
 * Multipliers on the category base rate. They are expert relativities, not fitted (the incident
 * table carries none of these attributes); docs/risk.md lists them with their rationale. Their
 * product is divided by its mean over the reference protocols (`factorNormalisation`), so they
 * redistribute the category rate instead of inflating it.
 */
export function ownFactors(
  profile: MarketProfile,
  calibration: Calibration,
  asOf: string,
): FactorContribution[] {
  const f = (factor: string, input: string, multiplier: number) => ({
    factor,
    input,
    multiplier,
    points: toPoints(multiplier),
  });
  const chainRelativities = calibration.frequency.chainRelativities;
  // Half weight (square root): chain exposure counts are rougher than category counts.
  const chainMultiplier = Math.sqrt(chainRelativities[profile.chain] ?? chainRelativities.other ?? 1);
  const auditMultipliers = [2, 1.3, 1, 0.85, 0.75];
  const adminMultipliers = { none: 0.85, timelock: 0.95, multisig: 1.1, eoa: 2 } as const;
  const oracleMultipliers = {
    spot: 1.8,
    custom: 1.4,
    twap: 1.3,
    chainlink: 1.05,
    pyth: 1.05,
    redstone: 1.1,
  } as const;
  const oracleMultiplier = Math.max(1, ...profile.oracles.map((o) => oracleMultipliers[o]));
  const peak = Math.max(0, ...profile.tvlHistoryUsd);
  const last = profile.tvlHistoryUsd.at(-1);
  const drawdown = peak > 0 && last !== undefined ? 1 - last / peak : 0;
  const asOfYear = Number(asOf.slice(0, 4)) + Number(asOf.slice(5, 7)) / 12;
  const recentIncidents = profile.incidents.filter(
    (i) => asOfYear - (Number(i.date.slice(0, 4)) + Number(i.date.slice(5, 7)) / 12) <= 3,
  ).length;
  return [
    f("chain", profile.chain, chainMultiplier),
    f("age", `${profile.ageYears.toFixed(1)} years`, clamp(Math.exp(-0.3 * (profile.ageYears - 2)), 0.5, 2)),
    f("audits", `${profile.audits} audits`, auditMultipliers[Math.min(profile.audits, 4)] ?? 0.75),
    f(
      "bugBounty",
      `$${Math.round(profile.bugBountyUsd).toLocaleString("en-US")}`,
      clamp(1.25 - 0.15 * Math.log10(1 + profile.bugBountyUsd / 10_000), 0.8, 1.25),
    ),
    f("adminKeys", profile.admin.keys, adminMultipliers[profile.admin.keys]),
    f(
      "upgradeability",
      profile.admin.upgradeable ? "upgradeable" : "immutable",
      profile.admin.upgradeable ? 1.15 : 1,
    ),
    f("oracles", profile.oracles.join("+") || "none", oracleMultiplier),
    f("tvl", `$${(profile.tvlUsd / 1e6).toFixed(0)}M`, clamp((profile.tvlUsd / 1e8) ** 0.05, 0.8, 1.3)),
    f("tvlDrawdown", `${(drawdown * 100).toFixed(0)}% below peak`, 1 + 0.5 * clamp(drawdown, 0, 1)),
    f("incidentHistory", `${recentIncidents} in 3 years`, Math.min(3, 1.5 ** recentIncidents)),
  ];
}

/** Product of a profile's own-risk multipliers (before normalisation). */
export function ownFactorProduct(profile: MarketProfile, calibration: Calibration, asOf: string): number {
  return ownFactors(profile, calibration, asOf).reduce((product, f) => product * f.multiplier, 1);
}

export interface FactorNormalisation {
  /** Count-weighted mean of the multiplier product over the reference protocols. */
  mean: number;
  weighting: "count";
  referenceCount: number;
  asOf: string;
}

/**
 * Mean multiplier product over reference protocols, each protocol counting once: category rates
 * are per protocol (incidents / protocol count), so the per-protocol mean is what must stay one.
 */
export function fitFactorNormalisation(
  profiles: MarketProfile[],
  calibration: Calibration,
  asOf: string,
): FactorNormalisation {
  const exploitProfiles = profiles.filter((p) => p.category !== "stablecoin");
  if (exploitProfiles.length === 0) {
    throw new CalibrationError("no reference protocols to normalise risk-factor multipliers", {
      details: { profiles: profiles.length },
    });
  }
  const products = exploitProfiles.map((p) => ownFactorProduct(p, calibration, asOf));
  const mean = products.reduce((sum, x) => sum + x, 0) / products.length;
  return { mean, weighting: "count", referenceCount: products.length, asOf };
}

export interface ScoreContext {
  asOf: string;
  /** Events that reach this market through its dependencies. */
  dependencyEvents: { source: string; probability: number; meanLossRatio: number; weight: number }[];
}

/** Scores one market; dependency risk is passed in because it needs the rest of the graph. */
export function scoreMarket(
  profile: MarketProfile,
  calibration: Calibration,
  context: ScoreContext,
): MarketScore {
  // A stablecoin market insures a de-peg: its rate comes from the price history, not from exploits.
  const depeg = profile.category === "stablecoin" ? calibration.depeg : undefined;
  const baseRate = depeg ? depeg.annualRate : calibration.frequency.categoryRates[profile.category];
  const factors: FactorContribution[] = [
    {
      factor: "categoryBaseRate",
      input: `${profile.category}${depeg ? " de-peg" : ""}: ${(baseRate * 100).toFixed(2)}%/year`,
      multiplier: baseRate,
      points: (100 * Math.log(baseRate / SCORE_FLOOR_FREQUENCY)) / SCORE_RANGE,
    },
    // Code-risk factors (audits, admin keys, oracles...) do not move a de-peg's likelihood.
    ...(depeg ? [] : ownFactors(profile, calibration, context.asOf)),
  ];
  const normalisation = calibration.factorNormalisation;
  if (!depeg && normalisation) {
    factors.push({
      factor: "normalisation",
      input: `mean multiplier ${normalisation.mean.toFixed(3)} over ${normalisation.referenceCount} reference protocols`,
      multiplier: 1 / normalisation.mean,
      points: toPoints(1 / normalisation.mean),
    });
  }
  const ownFrequency = factors.slice(1).reduce((rate, f) => rate * f.multiplier, baseRate);
  const ownEventProbability = 1 - Math.exp(-ownFrequency);
  const noDependencyEvent = context.dependencyEvents.reduce((p, e) => p * (1 - e.probability), 1);
  const annualLossProbability = 1 - (1 - ownEventProbability) * noDependencyEvent;
  const totalFrequency = -Math.log(1 - annualLossProbability);
  const dependencyMultiplier = totalFrequency / ownFrequency;
  factors.push({
    factor: "dependencies",
    input: context.dependencyEvents.map((e) => e.source).join("+") || "none",
    multiplier: dependencyMultiplier,
    points: toPoints(dependencyMultiplier),
  });
  const severity = profile.severity ?? defaultSeverity(profile.category, profile.tvlUsd, calibration);
  const moments = lossRatioMoments(severity, calibration.severity.distribution);
  const expectedLossRate =
    ownEventProbability * moments.mean +
    context.dependencyEvents.reduce((sum, e) => sum + e.probability * e.weight * e.meanLossRatio, 0);
  const rawScore = factors.reduce((sum, f) => sum + f.points, 0);
  const score = clamp(rawScore, 0, 100);
  return {
    marketId: profile.id,
    score,
    annualLossProbability,
    ownEventProbability,
    expectedLossRate,
    meanLossRatio: moments.mean,
    tailLossRatio: moments.tailMean,
    severity,
    factors,
    clampAdjustment: score - rawScore,
  };
}

/** Scores every market of a portfolio, in dependency order so each sees its sources' probabilities. */
export function scorePortfolio(portfolio: Portfolio, calibration: Calibration): MarketScore[] {
  const sources = dependencySources(portfolio);
  const byId = new Map(portfolio.markets.map((m) => [m.id, m]));
  const assets = new Map(portfolio.assets.map((a) => [a.id, a]));
  const scores = new Map<string, MarketScore>();
  const scoreOf = (id: string): MarketScore => {
    const done = scores.get(id);
    if (done) return done;
    const profile = byId.get(id) as MarketProfile;
    const dependencyEvents = (sources.get(id) ?? []).map(({ source, weight }) => {
      const asset = assets.get(source);
      if (asset) {
        const moments = lossRatioMoments(asset.severity, calibration.severity.distribution);
        return { source, probability: asset.annualProbability, meanLossRatio: moments.mean, weight };
      }
      const upstream = scoreOf(source);
      return {
        source,
        probability: upstream.ownEventProbability,
        meanLossRatio: upstream.meanLossRatio,
        weight,
      };
    });
    const score = scoreMarket(profile, calibration, { asOf: portfolio.asOf, dependencyEvents });
    scores.set(id, score);
    return score;
  };
  return portfolio.markets.map((m) => scoreOf(m.id));
}
