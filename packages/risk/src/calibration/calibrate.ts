import { CalibrationError } from "../errors.ts";
import type { MarketProfile } from "../model/profile.ts";
import { REFERENCE_PROTOCOLS } from "../model/reference-protocols.ts";
import { type FactorNormalisation, fitFactorNormalisation } from "../model/score.ts";
import { type CorrelationEstimate, estimateCorrelation } from "./correlation.ts";
import { DEFAULT_LOSS_GIVEN_EXPLOIT, type DepegCalibration, type LossGivenExploit } from "./exposure.ts";
import {
  calibrateFrequency,
  DEFAULT_FREQUENCY_WINDOW,
  type FrequencyCalibration,
  type FrequencyOptions,
} from "./frequency.ts";
import { type Incident, parseIncidents } from "./incidents.ts";
import { calibrateSeverity, type SeverityCalibration } from "./severity.ts";

export interface Calibration {
  frequency: FrequencyCalibration;
  severity: SeverityCalibration;
  /** Loss given an exploit as a share of TVL (data/exposure); the bundled fit when not given. */
  lossGivenExploit: LossGivenExploit;
  /** De-peg peril from price history; stablecoin markets fall back to exploit rates without it. */
  depeg?: DepegCalibration;
  /** Within-category correlation estimated from count dispersion and common-cause clusters. */
  correlation?: CorrelationEstimate;
  /** Mean of the risk-factor multiplier product over the reference protocols (divided out). */
  factorNormalisation?: FactorNormalisation;
}

/** Frequency and severity from parsed incidents; `window` bounds the frequency years only. */
export function calibrateFromIncidents(
  incidents: Incident[],
  window: FrequencyOptions = DEFAULT_FREQUENCY_WINDOW,
  extras: {
    lossGivenExploit?: LossGivenExploit;
    depeg?: DepegCalibration;
    /** Protocols the risk-factor multipliers average to one over; REFERENCE_PROTOCOLS by default. */
    referenceProtocols?: MarketProfile[];
  } = {},
): Calibration {
  const calibration: Calibration = {
    frequency: calibrateFrequency(incidents, window),
    ...correlationOf(incidents, window),
    severity: calibrateSeverity(incidents),
    lossGivenExploit: extras.lossGivenExploit ?? DEFAULT_LOSS_GIVEN_EXPLOIT,
    ...(extras.depeg ? { depeg: extras.depeg } : {}),
  };
  calibration.factorNormalisation = fitFactorNormalisation(
    extras.referenceProtocols ?? REFERENCE_PROTOCOLS,
    calibration,
    `${window.toYear}-12-31`,
  );
  return calibration;
}

/** Convenience: parse the DeFiHackLabs CSV text and calibrate. */
export function calibrate(
  incidentsCsv: string,
  window: FrequencyOptions = DEFAULT_FREQUENCY_WINDOW,
): Calibration {
  return calibrateFromIncidents(parseIncidents(incidentsCsv), window);
}

/** The correlation estimate, or nothing when the window is too short or too sparse for one. */
function correlationOf(
  incidents: Incident[],
  window: FrequencyOptions,
): { correlation?: CorrelationEstimate } {
  try {
    return { correlation: estimateCorrelation(incidents, window) };
  } catch (error) {
    if (error instanceof CalibrationError) return {};
    throw error;
  }
}
