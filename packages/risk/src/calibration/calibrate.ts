import { CalibrationError } from "../errors.ts";
import type { ProtocolCounts } from "../model/exposure.ts";
import { protocolCountNumbers } from "../model/exposure.ts";
import type { MarketProfile } from "../model/profile.ts";
import { REFERENCE_PROTOCOLS } from "../model/reference-protocols.ts";
import { type FactorNormalisation, fitFactorNormalisation } from "../model/score.ts";
import { type CorrelationEstimate, estimateCorrelation } from "./correlation.ts";
import { DEFAULT_LOSS_GIVEN_EXPLOIT, type DepegCalibration, type LossGivenExploit } from "./exposure.ts";
import {
  calibrateFrequency,
  DEFAULT_FREQUENCY_WINDOW,
  DEFAULT_PROTOCOL_EXPOSURE,
  type FrequencyCalibration,
  type FrequencyOptions,
  type ProtocolExposure,
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
  /** Protocol counts with provenance (which CSV line or rule gave each), when derived from data/. */
  protocolCounts?: ProtocolCounts;
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
    /** Protocol counts derived from data/exposure/defi_protocol_counts.csv; the bundled ones otherwise. */
    protocolCounts?: ProtocolCounts;
  } = {},
): Calibration {
  const exposure = extras.protocolCounts
    ? (protocolCountNumbers(extras.protocolCounts) as ProtocolExposure)
    : DEFAULT_PROTOCOL_EXPOSURE;
  const calibration: Calibration = {
    frequency: calibrateFrequency(incidents, window, exposure),
    ...correlationOf(incidents, window, exposure.categories),
    severity: calibrateSeverity(incidents),
    lossGivenExploit: extras.lossGivenExploit ?? DEFAULT_LOSS_GIVEN_EXPLOIT,
    ...(extras.depeg ? { depeg: extras.depeg } : {}),
    ...(extras.protocolCounts ? { protocolCounts: extras.protocolCounts } : {}),
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
  protocols: Record<string, number>,
): { correlation?: CorrelationEstimate } {
  try {
    return { correlation: estimateCorrelation(incidents, { ...window, protocols }) };
  } catch (error) {
    if (error instanceof CalibrationError) return {};
    throw error;
  }
}
