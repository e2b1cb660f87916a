// What the browser tests share: the devnet's URLs, dev-account wallets, chain controls, API reads, screenshots.
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { advanceTime, connectRead, DEV_MNEMONIC, setFeedPrice } from "@backstop/devnet";
import { test as base, expect, type Page } from "@playwright/test";
import { type Address, createWalletClient, defineChain, http } from "viem";
import { mnemonicToAccount } from "viem/accounts";

export const urls = {
  web: process.env.BACKSTOP_WEB_URL ?? "",
  api: process.env.BACKSTOP_API_URL ?? "",
  rpc: process.env.BACKSTOP_RPC_URL ?? "",
};

export const screenshotDir = resolve(import.meta.dirname, "../../../bench/results/web");

/** The devnet's deployment and seed records. */
export function registry() {
  return JSON.parse(readFileSync(process.env.BACKSTOP_REGISTRY ?? "", "utf8"));
}

export function devAddress(index: number): Address {
  return mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }).address;
}

/** A viem wallet for dev account `index` (to prepare state the test is not about, e.g. a feed price). */
export function devWallet(index: number) {
  const chain = defineChain({
    id: 31337,
    name: "devnet",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [urls.rpc] } },
  });
  return createWalletClient({
    account: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }),
    chain,
    transport: http(urls.rpc),
  });
}

export async function publicClient() {
  return (await connectRead(urls.rpc)).publicClient;
}

/** Moves chain time forward (and mines a block). */
export async function timeTravel(seconds: number) {
  await advanceTime(await publicClient(), BigInt(seconds));
}

/** Sets every feed of `asset` (USDC/USDT) to `price` dollars (8-decimal feeds), as the feeds' owner. */
export async function setPrice(asset: "USDC" | "USDT", price: number) {
  const feeds = registry().seed.feeds[asset] as Address[];
  // biome-ignore lint/suspicious/noExplicitAny: the devnet's Signer is a viem wallet client
  await setFeedPrice(devWallet(0) as any, feeds, BigInt(Math.round(price * 1e8)));
}

export async function apiGet<T = Record<string, unknown>>(path: string): Promise<T> {
  const res = await fetch(`${urls.api}${path}`);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

/** Opens the app and connects dev account `index` through the wallet menu (wagmi's mock connector). */
export async function connectDev(page: Page, index: number, path = "/") {
  await page.goto(`${urls.web}${path}`);
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await page.getByTestId("dev-account").selectOption(devAddress(index));
  await expect(page.getByTestId("account")).toContainText(`dev #${index}`);
}

/** Writes bench/results/web/<name>.png. */
export async function shot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Waits for the newest transaction entry to be confirmed; fails with its message when it failed. */
export async function expectConfirmed(page: Page, label: string | RegExp) {
  const entry = page.getByTestId("tx").filter({ hasText: label }).first();
  await expect(entry).toHaveAttribute("data-status", /confirmed|failed/, { timeout: 60_000 });
  const status = await entry.getAttribute("data-status");
  if (status === "failed") throw new Error(`transaction failed: ${await entry.textContent()}`);
}

/** Runs axe on the page as it is: no serious or critical violation, each listed with where it is. */
export async function expectNoSeriousAxe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`)).toEqual([]);
}

export const test = base;
export { expect };
