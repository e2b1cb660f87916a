import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/browser.ts";

// One devnet (chain, keeper, API, web app) for the whole suite, started by global-setup.ts on free ports.
// Flows use different dev accounts; the tests that move chain time run last in their file.
export default defineConfig({
  testDir: "e2e",
  testMatch: "*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  workers: 1,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    viewport: { width: 1280, height: 900 },
    launchOptions: chromiumLaunchOptions,
    trace: "off",
    screenshot: "only-on-failure",
  },
});
