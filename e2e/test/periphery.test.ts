import assert from "node:assert/strict";
import { test } from "node:test";
import { parseUnits } from "viem";
import { runPeripheryDemo } from "../lib/peripheryDemo.ts";

test("test_periphery_insuredDepositVaultRestoredAndProtectionProRataOnTheDevnet", async () => {
  const r = await runPeripheryDemo(() => {});
  // One transaction: shares and a policy for the deposit.
  assert.ok(r.insuredDeposit.policyId > 0n && r.insuredDeposit.shares > 0n && r.insuredDeposit.premium > 0n);
  // The vault's deposits were fully covered; the loss cut the share price, the payout restored it.
  assert.ok((r.coverageBps ?? 0n) >= 10_000n);
  assert.ok(r.sharePrice.afterLoss < r.sharePrice.seeded);
  assert.ok(r.vaultPayouts > 0n);
  assert.ok(
    r.sharePrice.afterPayout >= r.sharePrice.seeded - r.sharePrice.seeded / 1_000n,
    "restored within 0.1%",
  );
  // Protection: 25,000 and 5,000 tokens, 4% of each (the de-peg's proportional payout), to the unit.
  assert.equal(r.protection.holderA, parseUnits("25000", 6));
  assert.equal(r.protection.holderB, parseUnits("5000", 6));
  assert.equal(r.protection.eligible, parseUnits("30000", 6));
  assert.ok(r.protection.paidA > 0n);
  const diff = r.protection.paidA - 5n * r.protection.paidB;
  assert.ok(diff >= -5n && diff <= 5n, `pro rata: ${r.protection.paidA} vs 5 x ${r.protection.paidB}`);
});
