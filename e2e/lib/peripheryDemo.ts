/**
 * The periphery on the seeded devnet, end to end, through the real `backstop` binary (and the SDK for checks):
 * a deposit with cover in one transaction; the demo insured vault keeps its deposits covered; a de-peg marks the
 * vault's holdings down and fires the market; the keeper settles and pays; the vault's share price is restored by
 * the payout; protection tokens mint, mature, transfer and pay out pro rata. Used by the e2e test and by the
 * transcript script (periphery-demo.ts).
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { mockYieldVaultAbi, settlementAbi } from "@backstop/abi";
import {
  connectRead,
  type Devnet,
  devPrivateKey,
  devWallets,
  type Signer,
  startDevnet,
} from "@backstop/devnet";
import { getIncident, getInsuredVault, getProtectionSeries, readTrigger } from "@backstop/sdk";
import { type Address, erc20Abi, formatUnits, parseUnits } from "viem";

const bin = resolve(import.meta.dirname, "../../apps/cli/bin/backstop.js");

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export type DemoResult = {
  insuredDeposit: { policyId: bigint; shares: bigint; premium: bigint };
  sharePrice: { seeded: bigint; afterLoss: bigint; afterPayout: bigint };
  coverageBps: bigint | undefined;
  vaultPayouts: bigint;
  protection: { holderA: bigint; holderB: bigint; paidA: bigint; paidB: bigint; eligible: bigint };
};

/** Runs the demo; `log` receives the transcript line by line. */
export async function runPeripheryDemo(log: (line: string) => void): Promise<DemoResult> {
  const deploymentsDir = mkdtempSync(join(tmpdir(), "backstop-periphery-"));
  const stateRoot = mkdtempSync(join(tmpdir(), "backstop-periphery-home-"));
  const t0 = Date.now();
  const devnet: Devnet = await startDevnet({
    port: await freePort(),
    deploymentsDir,
    stateRoot,
    pollIntervalMs: 200,
  });
  try {
    const d = devnet.deployment;
    const p = d.seed?.periphery;
    const market = d.seed?.markets.find((m) => m.name === "usdc-depeg");
    if (!p || !market || !d.stable) throw new Error("the devnet seeded no periphery");
    const ctx = await connectRead(devnet.rpcUrl);
    const wallets = devWallets(ctx.chain, devnet.rpcUrl, 9);
    const [me, , , , , , , , minter] = wallets as Signer[];
    if (!me || !minter) throw new Error("missing dev accounts");

    /** Runs `backstop ...` (as `key`'s account, else dev account #0) and logs the command and its output. */
    const run = async (args: string[], key?: `0x${string}`, json = false): Promise<string> => {
      log(`$ backstop ${args.join(" ")}${key ? "   # as dev account #8" : ""}`);
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [bin, ...args, "--rpc-url", devnet.rpcUrl, ...(json ? ["--json"] : [])],
        { env: { ...process.env, BACKSTOP_DEPLOYMENTS_DIR: deploymentsDir, BACKSTOP_PRIVATE_KEY: key } },
      );
      for (const line of stdout.trimEnd().split("\n")) log(json ? `  ${line}` : `  ${line}`);
      return stdout;
    };
    const note = (s: string) => log(`\n# ${s}`);
    const usd = (n: bigint) => formatUnits(n, 6);

    log(`devnet up in ${((Date.now() - t0) / 1000).toFixed(1)}s at ${devnet.rpcUrl}`);
    log(
      `  insured router ${p.router}, yield vault demo ${p.yieldVaults.demo}, insured vault demo ${p.insuredVaults.demo}`,
    );
    log(
      `  protection series demo ${p.series.demo?.address} (market ${market.id}, usdc-depeg), risk feeds for ${Object.keys(p.riskFeeds).length} markets`,
    );
    const vault = p.insuredVaults.demo as Address;
    const series = p.series.demo?.address as Address;
    const yv = p.yieldVaults.demo as Address;

    note("1. Deposit with cover in one transaction (InsuredRouter).");
    const ins = JSON.parse(
      await run(
        [
          "insure",
          "deposit",
          "--vault",
          "demo",
          "--amount",
          "5000",
          "--market",
          market.id,
          "--period",
          "30d",
        ],
        undefined,
        true,
      ),
    ) as { policyId: number; shares: string; premium: string };

    note(
      "2. The insured vault keeps its deposits covered: a new deposit, then the keeper's roll buys the shortfall from yield.",
    );
    await run(["vault", "deposit", "--vault", "demo", "--amount", "20000"]);
    // The devnet keeper is one of the vault's keepers: it sees the shortfall and rolls the cover itself.
    const rolled = await until(
      "the keeper to roll the insured vault's cover",
      () => getInsuredVault(ctx.publicClient, { vault }),
      (v) => (v.coverageRatioBps ?? 0n) >= BigInt(v.config.targetBps),
    );
    log(
      `  keeper rolled the cover: coverage ${Number(rolled.coverageRatioBps ?? 0n) / 100}% (target ${rolled.config.targetBps / 100}%)`,
    );
    await run(["vault", "roll", "--vault", "demo"]);
    await run(["vault", "show", "--vault", "demo"]);
    await run(["risk-feed", "--market", market.id]);
    const seeded = await getInsuredVault(ctx.publicClient, { vault });

    note("3. Protection tokens: mint (locked until the lot matures), mature, resolve, transfer.");
    const mint = JSON.parse(
      await run(["protect", "mint", "--series", "demo", "--amount", "20000"], undefined, true),
    ) as {
      lotId: number;
    };
    await run(["time", "advance", "8d"]);
    await run(["protect", "resolve", "--series", "demo", "--lot", String(mint.lotId)]);
    await run(["protect", "resolve", "--series", "demo", "--lot", p.policies.protection]);
    log(`$ (ERC-20 transfer) dev account #8 sends 5000 protection tokens to dev account #0`);
    const tx = await minter.writeContract({
      address: series,
      abi: erc20Abi,
      functionName: "transfer",
      args: [me.account.address, parseUnits("5000", 6)],
    });
    await ctx.publicClient.waitForTransactionReceipt({ hash: tx });
    await run(["protect", "show", "--series", "demo"]);

    note(
      "4. A de-peg to $0.96: the vault's holdings are marked down 4% (simulated on the mock yield vault), the trigger fires.",
    );
    const yvAssets = await ctx.publicClient.readContract({
      address: yv,
      abi: mockYieldVaultAbi,
      functionName: "totalAssets",
    });
    log(`$ (mock) MockYieldVault.exploit: ${usd(yvAssets / 25n)} USDC (4%) leaves the demo yield vault`);
    const ex = await me.writeContract({
      address: yv,
      abi: mockYieldVaultAbi,
      functionName: "exploit",
      args: ["0x000000000000000000000000000000000000dEaD", yvAssets / 25n],
    });
    await ctx.publicClient.waitForTransactionReceipt({ hash: ex });
    const afterLoss = await getInsuredVault(ctx.publicClient, { vault });
    log(`  share price ${usd(seeded.sharePrice)} -> ${usd(afterLoss.sharePrice)} USDC`);
    await run(["feed", "set", "--asset", "USDC", "--price", "0.96"]);
    await until(
      "the trigger to freeze",
      () => readTrigger(ctx.publicClient, { trigger: market.trigger }),
      (t) => t.state === "FROZEN",
    );
    await run(["time", "advance", "25h"]);

    note(
      "5. The keeper settles the market and pays every policy: the insured vault's payout restores its share price.",
    );
    const inc = await until(
      "the keeper to settle",
      () => getIncident(ctx.publicClient, { settlement: d.settlement, marketId: BigInt(market.id) }),
      (i) => i.settled,
    );
    log(`  settled: payout ${formatUnits(inc.payoutPerUnitWad * 100n, 18)}% of cover`);
    const heldIds = seeded.policies.map((x) => x.policyId);
    const paidEvents = await until(
      "the keeper to pay the insured vault",
      () =>
        ctx.publicClient.getContractEvents({
          address: d.settlement,
          abi: settlementAbi,
          eventName: "PolicyPaid",
          fromBlock: 0n,
        }),
      (logs) => heldIds.every((id) => logs.some((l) => l.args.policyId === id)),
    );
    const vaultPayouts = paidEvents
      .filter((l) => heldIds.includes(l.args.policyId as bigint))
      .reduce((a, l) => a + (l.args.amount ?? 0n), 0n);
    log(
      `  keeper paid the insured vault ${usd(vaultPayouts)} USDC for policies ${heldIds.map((x) => `#${x}`).join(", ")}`,
    );
    await run(["vault", "show", "--vault", "demo"]);
    const afterPayout = await getInsuredVault(ctx.publicClient, { vault });

    note("6. Protection pays out pro rata: collect, then each holder redeems.");
    await run(["protect", "collect", "--series", "demo"]);
    const sA = await getProtectionSeries(ctx.publicClient, { series, holder: me.account.address });
    const sB = await getProtectionSeries(ctx.publicClient, { series, holder: minter.account.address });
    const ra = JSON.parse(await run(["protect", "redeem", "--series", "demo", "--all"], undefined, true)) as {
      paid: string;
    };
    const rb = JSON.parse(
      await run(["protect", "redeem", "--series", "demo", "--all"], devPrivateKey(8) as `0x${string}`, true),
    ) as { paid: string };
    await run(["protect", "show", "--series", "demo"]);
    return {
      insuredDeposit: {
        policyId: BigInt(ins.policyId),
        shares: BigInt(ins.shares),
        premium: BigInt(ins.premium),
      },
      sharePrice: {
        seeded: seeded.sharePrice,
        afterLoss: afterLoss.sharePrice,
        afterPayout: afterPayout.sharePrice,
      },
      coverageBps: seeded.coverageRatioBps,
      vaultPayouts,
      protection: {
        holderA: sA.holder?.balance ?? 0n,
        holderB: sB.holder?.balance ?? 0n,
        paidA: BigInt(ra.paid),
        paidB: BigInt(rb.paid),
        eligible: sA.eligible,
      },
    };
  } finally {
    await devnet.stop();
  }
}
