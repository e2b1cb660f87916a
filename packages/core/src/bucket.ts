import { DAY, MAX_INCIDENT_LOOKBACK } from "./constants.ts";

/** Day buckets, mirroring `BucketLib`: bucket b covers [b * 1 days, (b + 1) * 1 days). */
export const BucketLib = {
  DURATION: DAY,
  /** The bucket containing `time`. */
  at: (time: bigint): bigint => time / DAY,
  /** The first bucket starting at or after `time`: where exposure ending at `time` is released. */
  endOf: (time: bigint): bigint => (time + DAY - 1n) / DAY,
  /** The start time of bucket `b`. */
  startTime: (b: bigint): bigint => b * DAY,
} as const;

/**
 * Days a market's ended cover stays booked in a pool, fixed when the pool first configures it. Mirrors
 * `Pool.setMarketConfig`: endOf(MAX_INCIDENT_LOOKBACK) for parametric markets, endOf(claimWindow) for assessed.
 */
export function releaseDelayDays(claimMode: "PARAMETRIC" | "ASSESSED", claimWindow: bigint): bigint {
  return BucketLib.endOf(claimMode === "PARAMETRIC" ? MAX_INCIDENT_LOOKBACK : claimWindow);
}
