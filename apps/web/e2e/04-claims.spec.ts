// Claims end to end on the shared devnet: a parametric payout after a USDT de-peg (market 4, dev #8), and an
// assessed claim (market 1, dev #7) challenged by dev #0 and approved by assessors #9 and #10 in the browser.
// It moves chain time by days and leaves USDT triggered, so it runs last.
import { heartbeat } from "@backstop/devnet";
import {
  buyCover,
  getClaim,
  getPolicyStatus,
  getTokenBalance,
  pokeTrigger,
  readTrigger,
  type TriggerState,
} from "@backstop/sdk";
import type { Page } from "@playwright/test";
import type { Address } from "viem";
import {
  apiGet,
  connectDev,
  devAddress,
  devWallet,
  expect,
  expectConfirmed,
  expectNoSeriousAxe,
  publicClient,
  registry,
  setPrice,
  shot,
  test,
  timeTravel,
} from "./fixtures.ts";

const H = 3_600;
const D = 86_400;
const usd = (v: bigint) =>
  (Number(v) / 1e6).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

type Quote = { pools: number[]; total: string; filled: string };
type MarketTerms = { market: { minPeriod: number; maxPeriod: number } };

/** Buys `amount` USDC of cover on `marketId` as dev `buyer`, through the SDK, at the API's quote. */
async function buy(buyer: number, marketId: number, amount: bigint) {
  const reg = registry();
  const { market } = await apiGet<MarketTerms>(`/v1/markets/${marketId}`);
  const period = Math.min(Math.max(30 * D, market.minPeriod), market.maxPeriod);
  // A pool that also backs a market settled just before (the USDT de-peg) sells again once the keeper has
  // settled its share of the incident: wait for the quote to fill.
  const quote = () => apiGet<Quote>(`/v1/quote?market=${marketId}&amount=${amount}&period=${period}`);
  await expect.poll(async () => BigInt((await quote()).filled), { timeout: 60_000 }).toBe(amount);
  const q = await quote();
  return buyCover(devWallet(buyer), {
    coverManager: reg.coverManager,
    marketId: BigInt(marketId),
    amount,
    period: BigInt(period),
    pools: q.pools,
    // The keeper may move the base rate between the quote and the purchase.
    maxPremium: (BigInt(q.total) * 110n) / 100n,
  });
}

async function policyStatus(policyId: bigint) {
  const d = registry();
  return getPolicyStatus(await publicClient(), {
    coverManager: d.coverManager,
    markets: d.markets,
    settlement: d.settlement,
    assessedClaims: d.assessedClaims,
    policyId,
  });
}

/** Waits for the trigger to reach `state`; pokes it as dev #8 if the keeper has not after a while. */
async function reachTrigger(trigger: Address, state: TriggerState) {
  const client = await publicClient();
  const started = Date.now();
  let poked = false;
  await expect
    .poll(
      async () => {
        const now = (await readTrigger(client, { trigger })).state;
        if (now !== state && !poked && Date.now() - started > 10_000) {
          poked = true;
          await pokeTrigger(devWallet(8), { trigger });
          return (await readTrigger(client, { trigger })).state;
        }
        return now;
      },
      { timeout: 40_000, intervals: [500] },
    )
    .toBe(state);
}

/** Records how the race with the keeper went, in the report and the log. */
function note(description: string) {
  test.info().annotations.push({ type: "finalize", description });
  console.log(`finalize: ${description}`);
}

test("parametric: a USDT de-peg pays dev #8's policy, shown PAID with the payout", async ({ page }) => {
  const reg = registry();
  const trigger = reg.seed.markets.find((m: { id: string }) => m.id === "4").trigger as Address;
  const client = await publicClient();
  const amount = 10_000_000_000n; // 10,000 USDC
  const bought = await buy(8, 4, amount);
  const before = await getTokenBalance(client, { token: reg.stable, owner: devAddress(8) });

  // The incident must fall strictly inside the cover: let a minute pass before the price drops.
  await timeTravel(60);
  await setPrice("USDT", 0.97);
  await reachTrigger(trigger, "FROZEN");
  // Past the 24 h window; fresh rounds (a heartbeat of every feed) let the trigger confirm the de-peg.
  await timeTravel(24 * H + 120);
  await heartbeat(devWallet(0) as never, client as never, Object.values(reg.seed.feeds).flat() as Address[]);
  await reachTrigger(trigger, "TRIGGERED");
  // The keeper settles the market and pays holders; until then the page offers "Claim payout".
  await expect
    .poll(async () => (await policyStatus(bought.policyId)).state, { timeout: 60_000 })
    .toMatch(/PAID|CLAIMABLE/);

  await connectDev(page, 8, "/policies");
  const card = page.getByTestId(`policy-${bought.policyId}`);
  await expect(card).toBeVisible();
  const claimButton = card.getByRole("button", { name: "Claim payout" });
  if (await claimButton.isVisible()) {
    await claimButton.click();
    await expectConfirmed(page, `Claim payout of policy #${bought.policyId}`);
  }
  const { paid } = await policyStatus(bought.policyId);
  // A proportional payout: 3% of the cover for a price of 0.97.
  expect(paid).toBe((amount * 3n) / 100n);
  await expect(card.getByTestId("policy-status")).toHaveText(`PAID ${usd(paid)} USDC`);
  // Dev #8 held other USDT policies from the seed: the same de-peg paid them too.
  const { policies } = await apiGet<{ policies: { id: number }[] }>(
    `/v1/policies?owner=${devAddress(8)}&market=4`,
  );
  let total = 0n;
  for (const p of policies) total += (await policyStatus(BigInt(p.id))).paid;
  const after = await getTokenBalance(client, { token: reg.stable, owner: devAddress(8) });
  expect(after - before).toBe(total);
  await card.scrollIntoViewIfNeeded();
  await shot(page, "policy-paid");
});

test("assessed: dev #7's claim is challenged, approved by two assessors, finalized and redeemed", async ({
  page,
}) => {
  const reg = registry();
  const client = await publicClient();
  const bought = await buy(7, 1, 20_000_000_000n); // 20,000 USDC of cover
  const id = bought.policyId;

  await connectDev(page, 7, "/policies");
  const card = page.getByTestId(`policy-${id}`);
  await expect(card.getByTestId("policy-status")).toContainText("MATURING");
  await shot(page, "policies");

  // Past the 1-day maturation the cover is in force and a claim can be submitted.
  await timeTravel(D + 60);
  await expect(card.getByTestId("policy-status")).toContainText("ACTIVE");
  await card.getByLabel(/Claim amount/).fill("5000");
  await card.getByLabel("Evidence URL").fill("https://example.org/aave-incident-report");
  await expectNoSeriousAxe(page);
  await card.getByRole("button", { name: "Submit claim" }).click();
  await expectConfirmed(page, `Submit claim on policy #${id}`);
  await expect(card.getByTestId("claim-status")).toHaveText("fast track");
  const { claims } = await apiGet<{ claims: { id: number }[] }>(`/v1/claims?policyId=${id}`);
  const claimId = claims[0]?.id ?? 0;
  expect(claimId).toBeGreaterThan(0);

  // Dev #0 (no assessor) challenges it from the assessor console, posting a 5% bond.
  await connectDev(page, 0, "/assessor");
  await expect(page.getByTestId("assessor-role")).toContainText("is not an assessor");
  const fastRow = page.getByTestId("fast-track").getByTestId(`claim-row-${claimId}`);
  await expect(fastRow).toContainText("250.00");
  await fastRow.getByRole("button", { name: `Challenge claim ${claimId}` }).click();
  await expectConfirmed(page, `Challenge claim #${claimId}`);
  const voteRow = page.getByTestId("vote-queue").getByTestId(`claim-row-${claimId}`);
  await expect(voteRow).toBeVisible();
  const evidence = voteRow.getByRole("link", { name: /aave-incident-report/ });
  await expect(evidence).toHaveAttribute("target", "_blank");
  await expect(evidence).toHaveAttribute("rel", "noopener noreferrer");

  // Assessors #9 and #10 approve.
  for (const assessor of [9, 10]) {
    await connectDev(page, assessor, "/assessor");
    await expect(page.getByTestId("assessor-role")).toContainText("is an assessor");
    const row = page.getByTestId("vote-queue").getByTestId(`claim-row-${claimId}`);
    await row.getByRole("button", { name: `Approve claim ${claimId}` }).click();
    await expectConfirmed(page, `Approve claim #${claimId}`);
    await expect(row).toContainText("You voted approve");
  }
  await expect(page.getByTestId("vote-queue").getByTestId(`claim-row-${claimId}`)).toContainText(
    "2 approve · 0 reject",
  );
  await expectNoSeriousAxe(page);
  await shot(page, "assessor");

  // Dev #7 finalizes once the vote is over. The devnet keeper also finalizes due claims within a tick, so
  // whoever is first wins; the browser's attempt must then fail on the claim's status, never silently.
  await connectDev(page, 7, "/policies");
  const chainClaim = await getClaim(client, { assessedClaims: reg.assessedClaims, claimId: BigInt(claimId) });
  const head = (await client.getBlock()).timestamp;
  await timeTravel(Number(chainClaim.deadline - head));
  const finalize = card.getByRole("button", { name: "Finalize claim" });
  const approved = card.getByTestId("claim-status").filter({ hasText: "approved" });
  await expect(finalize.or(approved).first()).toBeVisible();
  if (await finalize.isVisible()) {
    await finalize.click();
    const entry = page
      .getByTestId("tx")
      .filter({ hasText: `Finalize claim #${claimId}` })
      .first();
    await expect(entry).toHaveAttribute("data-status", /confirmed|failed/, { timeout: 60_000 });
    const outcome = await entry.getAttribute("data-status");
    note(
      outcome === "confirmed"
        ? "finalized in the browser"
        : `the keeper was first: ${await entry.textContent()}`,
    );
  } else note("the keeper finalized first");
  await expect(approved).toBeVisible();

  // After the 1-day cooldown dev #7 redeems: the payout goes to the policy's owner.
  const before = await getTokenBalance(client, { token: reg.stable, owner: devAddress(7) });
  await timeTravel(D + 60);
  await card.getByRole("button", { name: "Redeem payout" }).click();
  await expectConfirmed(page, `Redeem claim #${claimId}`);
  await expect(card.getByTestId("policy-status")).toHaveText("PAID 5,000.00 USDC");
  await expect(card.getByTestId("claim-status")).toHaveText("paid");
  const after = await getTokenBalance(client, { token: reg.stable, owner: devAddress(7) });
  // The payout, the claim deposit (1%) back and the challenger's bond (5%).
  expect(after - before).toBe(5_000_000_000n + 50_000_000n + 250_000_000n);
  const steps = card.getByTestId("claim-timeline").getByRole("listitem");
  await expect(steps).toHaveText([
    /^Submitted .*: 5,000\.00 USDC claimed$/,
    /^Challenged by .*\(dev #0\) with a bond of 250\.00 USDC$/,
    /\(dev #9\) voted approve$/,
    /\(dev #10\) voted approve$/,
    "Finalized: approved",
    "Paid 5,000.00 USDC",
  ]);
  await card.scrollIntoViewIfNeeded();
  await shot(page, "claim-timeline");
});

test("accessibility: no serious or critical axe violations on My policies and the assessor console", async ({
  page,
}) => {
  await connectDev(page, 7, "/policies");
  await expect(page.getByTestId("policy-status").first()).toBeVisible();
  await expectNoSeriousAxe(page);
  await connectDev(page, 9, "/assessor");
  await expect(page.getByTestId("assessor-role")).toBeVisible();
  await expectNoSeriousAxe(page);
});

test("phone-sized screen: both pages fit 390 px", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [index, path] of [
    [7, "/policies"],
    [9, "/assessor"],
  ] as const) {
    await connectDev(page, index, path);
    await expect(page.getByTestId(index === 7 ? "policy-status" : "assessor-role").first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
