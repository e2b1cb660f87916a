import assert from "node:assert/strict";
import { test } from "node:test";
import { formatSpan, formatTime, formatWhen, humanizeTimes } from "./time.ts";

test("test_formatTime_datesAndDurations", () => {
  assert.equal(formatTime(1_764_645_000), "2025-12-02 03:10 UTC");
  assert.equal(formatSpan(90_000), "1d 1h");
  assert.equal(formatSpan(604_800), "7d");
  assert.equal(formatSpan(59), "59s");
  assert.equal(formatWhen(1_764_645_000 + 3_600, 1_764_645_000), "2025-12-02 04:10 UTC (in 1h)");
  assert.equal(formatWhen(1_764_645_000, 1_764_645_000 + 120), "2025-12-02 03:10 UTC (2m ago)");
});

test("test_humanizeTimes_rewritesUnixTimesAndSecondCounts", () => {
  assert.equal(
    humanizeTimes("the change 0x1234… is queued until 1764645000; repeat the same call after that time"),
    "the change 0x1234… is queued until 2025-12-02 03:10 UTC; repeat the same call after that time",
  );
  assert.equal(
    humanizeTimes("period 86400s is outside the market's [604800s, 31536000s]"),
    "period 1d is outside the market's [7d, 365d]",
  );
  assert.equal(humanizeTimes("paid 1764645000 USDC"), "paid 1764645000 USDC");
});
