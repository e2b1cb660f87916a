// `npm run bench:web`: writes bench/results/web.json.
// - initial JS: the entry script and its modulepreloads in dist/index.html, gzipped (zlib level 9);
// - dashboard live: navigation start -> the TVL figure filled from the API, in a fresh headless chromium
//   context each time (no cache), on a devnet started like npm start;
// - quote to displayed: on /buy, the /v1/quote request for a typed amount -> that quote's premium on screen
//   (also reported from the keystroke, which includes the input debounce).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { build } from "vite";
import { chromiumLaunchOptions } from "./browser.ts";
import { startSuiteDevnet } from "./devnet.ts";

const root = resolve(import.meta.dirname, "..");
const results = resolve(root, "../../bench/results");
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 15);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};
const round = (x: number) => Math.round(x * 10) / 10;
const summary = (xs: number[]) => ({
  p50: round(pct(xs, 50)),
  p90: round(pct(xs, 90)),
  max: round(Math.max(...xs)),
  runs: xs.length,
});

function initialJs() {
  const dist = join(root, "dist");
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const files = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1] as string);
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const bytes = readFileSync(join(dist, f));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: files.length, rawKb: round(raw / 1024), gzipKb: round(gz / 1024) };
}

async function main() {
  await build({ root, configFile: join(root, "vite.config.ts"), logLevel: "warn" });
  const js = initialJs();
  process.stdout.write(`initial JS: ${js.gzipKb} kB gzipped (${js.files} files)\n`);
  const devnet = await startSuiteDevnet();
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const live: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { __liveAt?: number };
        new MutationObserver(() => {
          const el = document.querySelector('[data-testid="tvl"]');
          if (w.__liveAt === undefined && el?.textContent) w.__liveAt = performance.now();
        }).observe(document, { subtree: true, childList: true, characterData: true });
      });
      await page.goto(devnet.urls.web);
      await page.getByTestId("tvl").waitFor();
      const at = await page.evaluate(() => (window as unknown as { __liveAt: number }).__liveAt);
      if (i > 0) live.push(at); // the first load also warms the servers
      await context.close();
    }
    process.stdout.write(`dashboard live: p50 ${pct(live, 50).toFixed(0)} ms\n`);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __q: Record<string, { req?: number; shown?: number; key?: number }> };
      w.__q = {};
      const fetch0 = window.fetch.bind(window);
      window.fetch = (input, init) => {
        // Relative URLs (the app's own /backstop.json) resolve against the page.
        const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
        const url = new URL(href, location.href);
        if (url.pathname === "/v1/quote") {
          const amount = url.searchParams.get("amount") ?? "";
          w.__q[amount] ??= {};
          w.__q[amount].req ??= performance.now();
        }
        return fetch0(input, init);
      };
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[data-testid="quote-premium"]')) {
          const amount = el.getAttribute("data-amount") ?? "";
          w.__q[amount] ??= {};
          w.__q[amount].shown ??= performance.now();
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      document.addEventListener(
        "input",
        (e) => {
          const t = e.target as HTMLInputElement;
          if (t.labels?.[0]?.textContent?.startsWith("Amount")) {
            const amount = String(Math.round(Number(t.value.replace(/,/g, "")) * 1e6));
            w.__q[amount] ??= {};
            w.__q[amount].key = performance.now();
          }
        },
        true,
      );
    });
    await page.goto(`${devnet.urls.web}/buy?market=3`);
    const amountInput = page.getByLabel("Amount (USDC)");
    await amountInput.waitFor();
    const request: number[] = [];
    const keystroke: number[] = [];
    for (let i = 0; i < RUNS * 2; i++) {
      const amount = 10_000 + 137 * (i + 1);
      await amountInput.fill(String(amount));
      const key = String(amount * 1e6);
      await page.locator(`[data-testid="quote-premium"][data-amount="${key}"]`).waitFor({ timeout: 10_000 });
      const q = await page.evaluate(
        (k) =>
          (window as unknown as { __q: Record<string, { req?: number; shown?: number; key?: number }> }).__q[
            k
          ],
        key,
      );
      if (q?.req !== undefined && q.shown !== undefined) request.push(q.shown - q.req);
      if (q?.key !== undefined && q.shown !== undefined) keystroke.push(q.shown - q.key);
    }
    await context.close();
    process.stdout.write(`quote to displayed: p50 ${pct(request, 50).toFixed(1)} ms\n`);

    const out = {
      date: new Date().toISOString(),
      machine:
        "2 cores; Debian chromium headless; devnet (chain, keeper, indexer + API, web) on the same machine",
      initialJs: { ...js, goalKb: 250, met: js.gzipKb <= 250 },
      dashboardLiveMs: { ...summary(live), goalP50: 1500, met: pct(live, 50) <= 1500 },
      quoteToDisplayedMs: { ...summary(request), goalP50: 100, met: pct(request, 50) <= 100 },
      keystrokeToQuoteMs: summary(keystroke),
    };
    mkdirSync(results, { recursive: true });
    writeFileSync(join(results, "web.json"), `${JSON.stringify(out, null, 2)}\n`);
    process.stdout.write(`wrote ${join(results, "web.json")}\n`);
  } finally {
    await browser.close();
    await devnet.stop();
  }
}

await main();
