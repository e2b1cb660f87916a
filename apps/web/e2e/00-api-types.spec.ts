import { readFileSync } from "node:fs";
import { apiTypes, SCHEMA_FILE } from "../scripts/gen-api-types.ts";
import { expect, test, urls } from "./fixtures.ts";

test("the app's API types equal the running API's OpenAPI document (npm run -w @backstop/web gen:api)", async () => {
  expect(await apiTypes(urls.api)).toBe(readFileSync(SCHEMA_FILE, "utf8"));
});

test("/backstop.json names the chain, the API and the deployment the app talks to", async ({ request }) => {
  const res = await request.get(`${urls.web}/backstop.json`);
  expect(res.ok()).toBe(true);
  const config = await res.json();
  expect(config).toMatchObject({ chainId: 31337, rpcUrl: urls.rpc, apiUrl: urls.api });
  expect(config.deployment.coverManager).toMatch(/^0x[0-9a-fA-F]{40}$/);
  expect(config.devAccounts).toHaveLength(12);
});

test("an unknown route says so and links back", async ({ page }) => {
  await page.goto(`${urls.web}/nowhere`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the dashboard" }).click();
  await expect(page.getByTestId("tvl")).not.toBeEmpty();
});
