import { getPendingChanges, getPoolConfig, getTokenBalance } from "@backstop/sdk";
import type { Page } from "@playwright/test";
import type { Address } from "viem";
import { date } from "../src/format.ts";
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
  timeTravel,
} from "./fixtures.ts";

// LP dev #5 and curator dev #3 on pool 2 (High-yield, 7-day cooldown). The tests build on each other, and the
// two that move chain time run last.
test.describe.configure({ mode: "serial" });

const LP = 5;
const CURATOR = 3;
const POOL = 2;

type Position = {
  poolId: number;
  shares: string;
  value: string;
  deposited: string;
  withdrawn: string;
  earned: string;
  request: { shares: string; assets: string; claimableAt: number } | null;
};

const usd = (v: string | bigint) =>
  (Number(BigInt(v)) / 1e6).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

async function positionOf(index: number): Promise<Position | undefined> {
  // A busy machine can drop a connection to the API: ask again rather than fail on a network error.
  for (let attempt = 1; ; attempt++) {
    try {
      const body = await apiGet<{ positions: Position[] }>(`/v1/positions/${devAddress(index)}`);
      return body.positions.find((p) => p.poolId === POOL);
    } catch (err) {
      if (attempt >= 30 || !(err instanceof TypeError)) throw err;
      await new Promise((done) => setTimeout(done, 1_000));
    }
  }
}

function poolAddress(): Address {
  return (registry().seed.pools as { id: number; address: Address }[]).find((p) => p.id === POOL)
    ?.address as Address;
}

async function poolConfig() {
  return getPoolConfig(await publicClient(), { pool: poolAddress(), markets: registry().markets });
}

async function usdcBalance(index: number): Promise<bigint> {
  const { asset } = await poolConfig();
  return getTokenBalance(await publicClient(), { token: asset, owner: devAddress(index) });
}

/** The page's position panel shows the API's figures (retried: value and earnings move with every block). */
async function expectPositionEqualsApi(page: Page) {
  const panel = page.getByTestId(`position-${POOL}`);
  await expect(async () => {
    const p = await positionOf(LP);
    expect(p).toBeDefined();
    const text = (await panel.textContent()) ?? "";
    for (const k of ["value", "deposited", "withdrawn", "earned"] as const)
      expect(text, k).toContain(`${usd(p?.[k] ?? "0")} USDC`);
  }).toPass({ timeout: 30_000 });
}

test("an LP deposits 10,000 USDC into pool 2; the position equals the API's", async ({ page }) => {
  const before = await positionOf(LP);
  await connectDev(page, LP, "/provide");
  const pool = page.getByTestId(`pool-${POOL}`);
  await expect(pool.getByText("Exposure by correlation group")).toBeVisible();
  await pool.getByLabel("Deposit amount (USDC)").fill("10,000");
  await pool.getByRole("button", { name: "Deposit" }).click();
  await expectConfirmed(page, /Deposit 10,000\.00 USDC/);
  await expect
    .poll(async () => BigInt((await positionOf(LP))?.deposited ?? "0"))
    .toBe(BigInt(before?.deposited ?? "0") + 10_000_000_000n);
  await expectPositionEqualsApi(page);
  await shot(page, "provide");
});

test("a deposit above the wallet's balance says so in one sentence and sends nothing", async ({ page }) => {
  const client = await publicClient();
  const nonce = await client.getTransactionCount({ address: devAddress(LP) });
  const balance = await usdcBalance(LP);
  await connectDev(page, LP, "/provide");
  const pool = page.getByTestId(`pool-${POOL}`);
  await expect(pool.getByText(`Wallet: ${usd(balance)} USDC`)).toBeVisible();
  await pool.getByLabel("Deposit amount (USDC)").fill(String(Number(balance / 1_000_000n) + 1));
  await pool.getByRole("button", { name: "Deposit" }).click();
  await expect(pool.getByRole("alert")).toHaveText(
    `Your wallet holds ${usd(balance)} USDC, less than the ${usd((balance / 1_000_000n) * 1_000_000n + 1_000_000n)} USDC you entered.`,
  );
  await expect(page.getByTestId("tx")).toHaveCount(0);
  expect(await client.getTransactionCount({ address: devAddress(LP) })).toBe(nonce);
});

test("accessibility: no serious or critical axe violations on Provide capital", async ({ page }) => {
  await connectDev(page, LP, "/provide");
  await expect(page.getByTestId(`position-${POOL}`)).toBeVisible();
  await expect(page.getByTestId(`pool-${POOL}`).getByText("Exposure by correlation group")).toBeVisible();
  await expectNoSeriousAxe(page);
});

test("accessibility: no serious or critical axe violations on the Curator console", async ({ page }) => {
  await connectDev(page, CURATOR, "/curator");
  await expect(page.getByTestId("market-config")).toBeVisible();
  await expectNoSeriousAxe(page);
});

test("phone-sized screen: neither page scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [index, path, ready] of [
    [LP, "/provide", `position-${POOL}`],
    [CURATOR, "/curator", "market-config"],
  ] as const) {
    await connectDev(page, index, path);
    await expect(page.getByTestId(ready)).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test("an account that curates no pool is told so", async ({ page }) => {
  await connectDev(page, LP, "/curator");
  await expect(page.getByTestId("not-curator")).toContainText("is not the curator of any pool");
});

test("the LP requests a redeem of all shares, waits out the cooldown by chain time, and redeems", async ({
  page,
}) => {
  await connectDev(page, LP, "/provide");
  const pool = page.getByTestId(`pool-${POOL}`);
  await pool.getByLabel('Shares to redeem (or "all")').fill("all");
  await pool.getByRole("button", { name: "Request redeem" }).click();
  await expectConfirmed(page, /Request redeem/);
  const countdown = pool.getByTestId("countdown");
  // A 7-day cooldown, counted from the request's block: "in 6d 23h 59m" or, on a slow run, a minute less.
  await expect(countdown).toHaveText(/Claimable in (6d 23h \d+m|7d 0h 0m)/);
  await expect.poll(async () => (await positionOf(LP))?.request !== null).toBe(true);
  const requested = (await positionOf(LP))?.request;
  expect(BigInt((await positionOf(LP))?.shares ?? "1")).toBe(0n);
  await shot(page, "provide-countdown");

  await timeTravel(7 * 86_400 + 3_600);
  await expect(countdown).toHaveText("Claimable now");
  const balanceBefore = await usdcBalance(LP);
  const withdrawnBefore = BigInt((await positionOf(LP))?.withdrawn ?? "0");
  await pool.getByRole("button", { name: "Redeem", exact: true }).click();
  await expectConfirmed(page, /^Redeem High-yield/);
  const gained = (await usdcBalance(LP)) - balanceBefore;
  expect(gained).toBe(BigInt(requested?.assets ?? "0"));
  await expect
    .poll(async () => BigInt((await positionOf(LP))?.withdrawn ?? "0") - withdrawnBefore)
    .toBe(gained);
  const after = await positionOf(LP);
  expect(after?.shares).toBe("0");
  expect(after?.request).toBeNull();
  await expect(countdown).toHaveCount(0);
  await expectPositionEqualsApi(page);
});

test("the curator raises the fee: it waits the timelock, shows when, and applies once due", async ({
  page,
}) => {
  const before = await poolConfig();
  const fee = before.curatorFeeBps + 100;
  await connectDev(page, CURATOR, "/curator");
  await expect(page.getByTestId("curator-fee")).toHaveText(`${(before.curatorFeeBps / 100).toFixed(2)}%`);
  await page.getByLabel("Curator fee (%)").fill(String(fee / 100));
  await page.getByRole("button", { name: "Save parameters" }).click();
  await expectConfirmed(page, /Update curator fee/);
  await expect(page.getByTestId("configure-outcome")).toContainText("Queued");

  const queued = (await getPendingChanges(await publicClient(), { pool: poolAddress() })).find(
    (p) => p.change.type === "params" && p.change.curatorFeeBps === fee,
  );
  expect(queued).toBeDefined();
  const at = Number(queued?.executableAt);
  const item = page
    .getByTestId("pending-change")
    .filter({ hasText: `curator fee ${(fee / 100).toFixed(2)}%` });
  await expect(item).toContainText(`Takes effect from ${date(at)}`);
  await expect(item.getByRole("button", { name: "Apply" })).toBeDisabled();
  await shot(page, "curator");

  const now = Number((await (await publicClient()).getBlock()).timestamp);
  await timeTravel(at - now + 60);
  await expect(item).toContainText("due now");
  await item.getByRole("button", { name: "Apply" }).click();
  await expectConfirmed(page, /Apply curator fee/);
  await expect(page.getByTestId("curator-fee")).toHaveText(`${(fee / 100).toFixed(2)}%`);
  expect((await poolConfig()).curatorFeeBps).toBe(fee);
  await expect(item).toHaveCount(0);
});
