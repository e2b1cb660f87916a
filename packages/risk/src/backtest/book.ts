import type { Incident } from "../calibration/incidents.ts";
import { calibrateSeverity, limitedExpectedValue, type SplicedSeverity } from "../calibration/severity.ts";
import { ValidationError } from "../errors.ts";

export interface BookOptions {
  fromYear: number;
  toYear: number;
  /** Cover limit per incident, USD: the book pays min(loss, limit) for each exploit. */
  limitUsd: number;
  /** Premium = expected loss x (1 + loading); 0.5 stands in for capital charge, expenses and fees. */
  loading: number;
}

export const DEFAULT_BOOK: BookOptions = { fromYear: 2020, toYear: 2025, limitUsd: 1_000_000, loading: 0.5 };

export interface BookYear {
  year: number;
  /** Incidents with a USD loss the pricing expected: mean count of the two previous years. */
  forecastIncidents: number;
  actualIncidents: number;
  /** Incidents without a USD figure: counted, but their payout is unknown and left out of losses. */
  incidentsWithoutUsd: number;
  expectedLossPerIncident: number;
  premium: number;
  losses: number;
  lossRatio: number;
  /** "walk-forward" when fitted on earlier years only; "in-sample" when earlier years had < 30 losses. */
  severityFit: "walk-forward" | "in-sample";
}

/**
 * A hypothetical book that insures every protocol DeFiHackLabs tracks with a per-incident limit,
 * priced each year only from what was known before it (walk-forward): count forecast = mean of the
 * two previous years, severity = limited expected value of the fit on earlier years.
 */
export function backtestBook(incidents: Incident[], options: BookOptions = DEFAULT_BOOK): BookYear[] {
  if (!(options.limitUsd > 0)) throw new ValidationError("limitUsd", options.limitUsd, "expected > 0");
  if (options.fromYear > options.toYear)
    throw new ValidationError("fromYear", options.fromYear, "expected <= toYear");
  const fullFit = calibrateSeverity(incidents).distribution;
  const rows: BookYear[] = [];
  for (let year = options.fromYear; year <= options.toYear; year++) {
    const earlier = incidents.filter((i) => i.year < year);
    let severity: SplicedSeverity = fullFit;
    let severityFit: BookYear["severityFit"] = "in-sample";
    const fittable = earlier.filter((i) => (i.lossUsd ?? 0) > 0 && !i.excludedFromSeverity).length;
    if (fittable >= 30) {
      severity = calibrateSeverity(earlier).distribution;
      severityFit = "walk-forward";
    }
    // Losses can only be counted for incidents with a USD figure, so the forecast uses the same basis.
    const count = (y: number) =>
      incidents.filter((i) => i.year === y && i.lossUsd !== undefined && !i.excludedFromSeverity).length;
    const forecastIncidents = Math.max(1, (count(year - 1) + count(year - 2)) / 2);
    const expectedLossPerIncident = limitedExpectedValue(severity, options.limitUsd);
    const premium = forecastIncidents * expectedLossPerIncident * (1 + options.loading);
    const thisYear = incidents.filter((i) => i.year === year);
    const losses = thisYear
      .filter((i) => i.lossUsd !== undefined && !i.excludedFromSeverity)
      .reduce((sum, i) => sum + Math.min(i.lossUsd as number, options.limitUsd), 0);
    rows.push({
      year,
      forecastIncidents,
      actualIncidents: thisYear.length,
      incidentsWithoutUsd: thisYear.filter((i) => i.lossUsd === undefined).length,
      expectedLossPerIncident,
      premium,
      losses,
      lossRatio: losses / premium,
      severityFit,
    });
  }
  return rows;
}
