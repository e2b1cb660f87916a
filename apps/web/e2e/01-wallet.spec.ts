import { devAddress, expect, shot, test, urls } from "./fixtures.ts";

/**
 * A browser wallet (EIP-1193 provider in window.ethereum) on another chain: it answers the chain and account
 * itself, switches chain on request, and forwards everything else to the devnet.
 */
async function installWallet(page: import("@playwright/test").Page, chainId: number) {
  await page.addInitScript(
    ({ rpc, account, chainId }) => {
      let chain = `0x${chainId.toString(16)}`;
      const listeners: Record<string, ((v: unknown) => void)[]> = {};
      const emit = (event: string, value: unknown) => {
        for (const f of listeners[event] ?? []) f(value);
      };
      (window as unknown as { ethereum: unknown }).ethereum = {
        request: async ({ method, params }: { method: string; params?: unknown[] }) => {
          if (method === "eth_chainId") return chain;
          if (method === "eth_accounts" || method === "eth_requestAccounts") return [account];
          if (method === "wallet_requestPermissions") return [{ parentCapability: "eth_accounts" }];
          if (method === "wallet_switchEthereumChain") {
            chain = (params as [{ chainId: string }])[0].chainId;
            emit("chainChanged", chain);
            return null;
          }
          const res = await fetch(rpc, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
          });
          const body = await res.json();
          if (body.error) throw body.error;
          return body.result;
        },
        on: (event: string, f: (v: unknown) => void) => {
          listeners[event] = [...(listeners[event] ?? []), f];
        },
        removeListener: (event: string, f: (v: unknown) => void) => {
          listeners[event] = (listeners[event] ?? []).filter((g) => g !== f);
        },
      };
    },
    { rpc: urls.rpc, account: devAddress(11), chainId },
  );
}

test("a wallet on the wrong network is detected, and switching fixes it", async ({ page }) => {
  await installWallet(page, 1);
  await page.goto(urls.web);
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("button", { name: "Browser wallet" }).click();
  const banner = page.getByTestId("wrong-network");
  await expect(banner).toContainText("Your wallet is on chain 1");
  await shot(page, "wrong-network");
  await page.getByRole("button", { name: "Switch network" }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId("account")).toBeVisible();
});

test("the wallet menu is keyboard-operable", async ({ page }) => {
  await page.goto(urls.web);
  await expect(page.getByTestId("tvl")).not.toBeEmpty();
  await page.getByRole("button", { name: "Connect wallet" }).focus();
  await page.keyboard.press("Enter");
  const select = page.getByTestId("dev-account");
  await select.focus();
  await select.selectOption(devAddress(11));
  await expect(page.getByTestId("account")).toContainText("dev #11");
  await page.getByRole("button", { name: "Disconnect" }).press("Enter");
  await expect(page.getByRole("button", { name: "Connect wallet" })).toBeVisible();
});
