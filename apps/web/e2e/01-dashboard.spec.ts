import { apiGet, expect, expectNoSeriousAxe, shot, test, urls } from "./fixtures.ts";

type Stats = { tvl: string; tvc: string; utilisationWad: string; blockNumber: number };
type Markets = { markets: { id: number; tvc: string; capacity: string; freeCapacity: string }[] };

const usd = (v: string) =>
  (Number(BigInt(v)) / 1e6).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

test("dashboard figures equal the API's", async ({ page }) => {
  await page.goto(urls.web);
  await expect(page.getByTestId("tvl")).not.toBeEmpty();
  // Compare at one indexed head: read the block the page shows, then the API at that block.
  for (let attempt = 0; ; attempt++) {
    const stats = await apiGet<Stats>("/v1/stats");
    const shown = Number(await page.getByTestId("head-block").innerText());
    if (shown !== stats.blockNumber && attempt < 10) {
      await page.waitForTimeout(500);
      continue;
    }
    await expect(page.getByTestId("tvl")).toHaveText(usd(stats.tvl));
    await expect(page.getByTestId("tvc")).toHaveText(usd(stats.tvc));
    const share = (Number(BigInt(stats.utilisationWad) / 10n ** 12n) / 1e4).toFixed(2);
    await expect(page.getByTestId("covered-share")).toHaveText(`${share}%`);
    break;
  }
  const { markets } = await apiGet<Markets>("/v1/markets");
  const rows = page.getByTestId("price-of-risk").locator("tbody tr");
  await expect(rows).toHaveCount(markets.length);
  for (const m of markets) {
    const row = rows.filter({ has: page.locator(`a[href="/markets/${m.id}"]`) });
    await expect(row).toContainText(usd(m.tvc).replace(/\.\d+$/, ""));
  }
  await shot(page, "dashboard");
});

test("the price-of-risk table sorts by rate, both ways", async ({ page }) => {
  await page.goto(urls.web);
  const table = page.getByTestId("price-of-risk");
  await expect(table.locator("tbody tr").first()).toBeVisible();
  const rates = async () =>
    (await table.locator("tbody tr td:nth-child(2)").allInnerTexts()).map((t) => Number.parseFloat(t));
  await expect.poll(async () => (await rates()).every((r) => !Number.isNaN(r))).toBe(true);
  const down = await rates();
  expect(down).toEqual([...down].sort((a, b) => b - a));
  await table.getByRole("button", { name: /Annual rate now/ }).click();
  const up = await rates();
  expect(up).toEqual([...up].sort((a, b) => a - b));
});

test("phone-sized screen: no horizontal scroll on the page", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(urls.web);
  await expect(page.getByTestId("tvl")).not.toBeEmpty();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, "dashboard-phone");
});

test("accessibility: no serious or critical axe violations on the dashboard", async ({ page }) => {
  await page.goto(urls.web);
  await expect(page.getByTestId("price-of-risk")).toBeVisible();
  await expectNoSeriousAxe(page);
});
