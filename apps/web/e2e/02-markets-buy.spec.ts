import { readFeed } from "@backstop/sdk";
import type { Page } from "@playwright/test";
import type { Address } from "viem";
import {
  apiGet,
  connectDev,
  devAddress,
  expect,
  expectConfirmed,
  expectNoSeriousAxe,
  publicClient,
  registry,
  shot,
  test,
  urls,
} from "./fixtures.ts";

type Market = {
  id: number;
  status: number;
  triggerState: number | null;
  tvc: string;
  capacity: string;
  freeCapacity: string;
};
type Policy = {
  id: number;
  marketId: number;
  owner: string;
  amount: string;
  premium: string;
  commission: string;
};

const usd = (v: string | bigint) =>
  (Number(BigInt(v)) / 1e6).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const units = (text: string) => BigInt(Math.round(Number(text.replace(/,/g, "")) * 100)) * 10_000n;

function stateOf(m: Market): string {
  if (m.status === 4 || m.triggerState === 2) return "TRIGGERED";
  if (m.status === 2) return "PAUSED";
  if (m.status === 3) return "RETIRED";
  if (m.triggerState === 1) return "FROZEN";
  return "ACTIVE";
}

const BUYER = 7;
const AMOUNT = 10_000_000_000n; // 10,000 USDC

/** Fills the form and waits until the quote on screen is for that amount; returns the total premium shown. */
async function quoteFor(page: Page, amount: string, days: string): Promise<string> {
  await page.getByLabel("Amount (USDC)").fill(amount);
  await page.getByLabel("Period (days)").fill(days);
  const premium = page.getByTestId("quote-premium");
  await expect(premium).toHaveAttribute("data-amount", String(AMOUNT));
  return (await premium.textContent()) ?? "";
}

/** Buys, waits for the confirmation, and checks the policy the API indexed against what the page showed. */
async function buyAndCheck(page: Page, marketId: number, pay: RegExp, name: string) {
  const quoted = await quoteFor(page, "10000", "30");
  await page.getByRole("radio", { name: pay }).check();
  if (name === "buy") await shot(page, "buy");
  await page.getByRole("button", { name: "Buy cover" }).click();
  await expectConfirmed(page, "Buy cover");
  await expect(page.getByTestId("policy-id")).toBeVisible();
  const id = Number((await page.getByTestId("policy-id").textContent())?.replace("#", ""));
  const paid = (await page.getByTestId("paid-premium").textContent()) ?? "";
  if (name === "buy") await shot(page, "buy-confirmed");

  let policy: Policy | undefined;
  await expect
    .poll(
      async () => {
        const { policies } = await apiGet<{ policies: Policy[] }>(`/v1/policies?owner=${devAddress(BUYER)}`);
        policy = policies.find((p) => p.id === id);
        return policy !== undefined;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  if (!policy) throw new Error("no policy");
  expect(policy.marketId).toBe(marketId);
  expect(policy.amount).toBe(String(AMOUNT));
  expect(usd(BigInt(policy.premium) + BigInt(policy.commission))).toBe(paid);
  // The quote shown before buying: a purchase a few blocks later never pays more, and only by stream dust less.
  const diff = units(quoted) - units(paid);
  expect(diff >= 0n && diff <= units(quoted) / 1000n).toBe(true);
}

test("the markets list equals the API; market 3 shows its feeds as the chain has them", async ({ page }) => {
  const { markets } = await apiGet<{ markets: Market[] }>("/v1/markets");
  expect(markets.length).toBe(8);
  await page.goto(`${urls.web}/markets`);
  const rows = page.getByTestId("markets").locator("tbody tr");
  await expect(rows).toHaveCount(markets.length);
  for (const m of markets) {
    const row = rows.filter({ has: page.locator(`a[href="/markets/${m.id}"]`) });
    await expect(row.getByTestId("market-state")).toHaveText(stateOf(m));
    await expect(row).toContainText(usd(m.capacity).replace(/\.\d+$/, ""));
  }
  await shot(page, "markets");

  await page
    .getByRole("link", {
      name: registry().seed.markets.find((m: { id: string }) => m.id === "3").name,
      exact: true,
    })
    .click();
  await expect(page.getByTestId("trigger-state")).toHaveText("ACTIVE");
  const feeds = registry().seed.feeds.USDC as Address[];
  const client = await publicClient();
  const prices = page.getByTestId("feed-price");
  await expect(prices).toHaveCount(3);
  await expect
    .poll(async () => {
      const chain = await Promise.all(feeds.map((feed) => readFeed(client, { feed })));
      const shown = await prices.evaluateAll((cells) => cells.map((c) => c.getAttribute("data-answer")));
      return JSON.stringify(shown) === JSON.stringify(chain.map((r) => r.answer.toString()));
    })
    .toBe(true);
  await expect(prices.first()).toHaveText(/^\$\d\.\d{4}$/);
  await shot(page, "market-3");
});

test("dev #7 buys 10,000 USDC of market 3 for 30 days with a permit", async ({ page }) => {
  await connectDev(page, BUYER, "/buy?market=3");
  await buyAndCheck(page, 3, /^Permit/, "buy");
});

test("dev #7 buys 10,000 USDC of market 1 for 30 days with an approval", async ({ page }) => {
  await connectDev(page, BUYER, "/buy?market=1");
  await buyAndCheck(page, 1, /^Approve/, "buy-approve");
});

test("a max premium below the price is refused before signing: nothing is sent", async ({ page }) => {
  await connectDev(page, BUYER, "/buy?market=3");
  await quoteFor(page, "10000", "30");
  await page.getByLabel("Max premium (USDC)").fill("1");
  const client = await publicClient();
  const nonce = await client.getTransactionCount({ address: devAddress(BUYER) });
  await page.getByRole("button", { name: "Buy cover" }).click();
  await expect(page.getByTestId("buy-refusal")).toHaveText(
    /^The premium moved to [\d,.]+ USDC, above your maximum 1\.00 USDC: raise the maximum or reduce the amount\.$/,
  );
  await expect(page.getByTestId("tx")).toHaveCount(0);
  expect(await client.getTransactionCount({ address: devAddress(BUYER) })).toBe(nonce);
});

test("accessibility: no serious or critical axe violations on markets, market and buy", async ({ page }) => {
  const check = () => expectNoSeriousAxe(page);
  await page.goto(`${urls.web}/markets`);
  await expect(page.getByTestId("markets")).toBeVisible();
  await check();
  await page.goto(`${urls.web}/markets/3`);
  await expect(page.getByTestId("feed-price")).toHaveCount(3);
  await check();
  await page.goto(`${urls.web}/buy?market=3`);
  await quoteFor(page, "10000", "30");
  await check();
});

test("dev #7 insures a vault deposit: deposit and cover in one transaction", async ({ page }) => {
  await connectDev(page, BUYER, "/buy?market=3");
  await page.getByRole("checkbox", { name: "Insure this deposit" }).check();
  await page.getByLabel("Deposit (USDC)").fill("1000");
  await page.getByLabel("Cover period (days)").fill("30");
  await expect(page.getByTestId("insured-quote")).toContainText("Cover premium about");
  await page.getByRole("button", { name: "Deposit and insure" }).click();
  await expectConfirmed(page, "Insured deposit");
  const id = Number((await page.getByTestId("insured-policy-id").textContent())?.replace("#", ""));
  await expect
    .poll(async () => {
      const { policies } = await apiGet<{ policies: Policy[] }>(`/v1/policies?owner=${devAddress(BUYER)}`);
      return policies.find((p) => p.id === id)?.marketId;
    })
    .toBe(3);
});

test("phone-sized screen: markets, market and buy pages fit 390 px", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.goto(`${urls.web}/markets`);
  await expect(page.getByTestId("markets")).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.goto(`${urls.web}/markets/3`);
  await expect(page.getByTestId("feed-price")).toHaveCount(3);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.goto(`${urls.web}/buy?market=3`);
  await quoteFor(page, "10000", "30");
  expect(await overflow()).toBeLessThanOrEqual(0);
  await shot(page, "buy-phone");
});
