import type { GovernedCallReturnType } from "@backstop/sdk";
import { formatSpan, formatWhen } from "./time.ts";

/** One line on what a governance call did: executed, scheduled behind the delay, or still pending. */
export function describeGoverned(what: string, r: GovernedCallReturnType, now: bigint): string {
  switch (r.status) {
    case "executed":
      return `${what}: done${r.via === "accessManager" ? " (executed after the governance delay)" : ""} (tx ${r.sent.hash})`;
    case "scheduled":
      return `${what}: scheduled behind the governance delay of ${formatSpan(r.delay)}; takes effect when you run the same command again after ${formatWhen(r.executableAt, now)}`;
    case "pending":
      return `${what}: already scheduled; run the same command again after ${formatWhen(r.executableAt, now)}`;
  }
}

/** The JSON form of a governance call. */
export function governedJson(r: GovernedCallReturnType) {
  return r.status === "executed"
    ? { status: r.status, tx: r.sent.hash }
    : r.status === "scheduled"
      ? { status: r.status, executableAt: r.executableAt, operationId: r.operationId, tx: r.sent.hash }
      : { status: r.status, executableAt: r.executableAt, operationId: r.operationId };
}
