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
}

/** Frequency and severity from parsed incidents; `window` bounds the frequency years only. */
export function calibrateFromIncidents(
  incidents: Incident[],
  window: FrequencyOptions = DEFAULT_FREQUENCY_WINDOW,
): Calibration {
  return { frequency: calibrateFrequency(incidents, window), severity: calibrateSeverity(incidents) };
}

/** Convenience: parse the DeFiHackLabs CSV text and calibrate. */
export function calibrate(
  incidentsCsv: string,
  window: FrequencyOptions = DEFAULT_FREQUENCY_WINDOW,
): Calibration {
  return calibrateFromIncidents(parseIncidents(incidentsCsv), window);
}
