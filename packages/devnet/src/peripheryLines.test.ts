import assert from "node:assert/strict";
import { test } from "node:test";
import { peripheryLines } from "./cli.ts";

test("test_devnetSummary_printsThePeripheryByName", () => {
  const a = (n: number) => `0x${String(n).padStart(40, "0")}` as const;
  const lines = peripheryLines({
    router: a(1),
    protectionFactory: a(2),
    yieldVaults: { demo: a(3) },
    insuredVaults: { demo: a(4) },
    series: { demo: { address: a(5), marketId: "3", expiry: String(20_849 * 86_400) } },
    riskFeeds: { "1": a(6), "3": a(7) },
    policies: { vault: "9", protection: "10" },
  });
  const text = lines.join("\n");
  assert.match(text, /insured router 0x0+1/);
  assert.match(text, /insured vault\s+demo 0x0+4 \(cover rolled: policy #9\)/);
  assert.match(text, /protection series\s+demo 0x0+5 \(market 3, expiry 2027-01-31\)/);
  assert.match(text, /market 3 0x0+7/);
  assert.deepEqual(peripheryLines(undefined), []);
});
