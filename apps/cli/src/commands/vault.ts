import {
  formatAmount,
  formatBps,
  getInsuredVault,
  insuredVaultDeposit,
  insuredVaultRedeem,
  rollCover,
} from "@backstop/sdk";
import { formatUnits } from "viem";
import { parseCommand, printHelp, required } from "../cli.ts";
import { type Command, UsageError } from "../command.ts";
import { connectRead, connectWrite, type Registry, signerAddress } from "../context.ts";
import { NotReadyError } from "../errors.ts";
import { table } from "../format/table.ts";
import { formatTime } from "../format/time.ts";
import { output } from "../options.ts";
import { formatDuration, parseAddress, parseAmount } from "../parse.ts";
import { peripheryOf, resolveNamed } from "../periphery.ts";

const USAGE = `usage: backstop vault deposit --vault <addr|name> --amount <USDC>
       backstop vault redeem --vault <addr|name> (--shares <n> | --all)
       backstop vault roll --vault <addr|name>
       backstop vault show --vault <addr|name> [--holder <addr>]
An insured vault: an ERC-4626 over a yield vault whose deposits stay covered by Backstop policies, bought by a
keeper from yield (\`roll\`: keeper or owner only; idempotent) and paid to the vault after an incident.
  --vault <addr|name>  the insured vault (a name recorded by the devnet: demo)
  --shares <n>         insured-vault shares, in whole shares (decimal)`;

const SUBS = ["deposit", "redeem", "roll", "show"] as const;

const vault: Command = {
  summary: "insured vault: deposit, redeem, roll cover, show",
  usage: USAGE,
  async run(argv) {
    const { values, positionals, help } = parseCommand(
      argv,
      {
        vault: { type: "string" },
        amount: { type: "string" },
        shares: { type: "string" },
        all: { type: "boolean", default: false },
        holder: { type: "string" },
      },
      USAGE,
    );
    if (help) return printHelp(help);
    const sub = positionals[0] as (typeof SUBS)[number];
    if (!SUBS.includes(sub)) throw new UsageError(`usage: backstop vault <${SUBS.join("|")}> (see --help)`);
    const vaultArg = required(values, "vault", USAGE);
    const named = (d: Registry) =>
      resolveNamed("--vault", vaultArg, peripheryOf(d)?.insuredVaults, "insured vault");

    if (sub === "show") {
      const holderArg = values.holder ? parseAddress("--holder", values.holder) : undefined;
      const ctx = await connectRead(values);
      const address = named(ctx.registry());
      const holder = holderArg ?? (await signerAddress(ctx, values));
      const v = await getInsuredVault(ctx.publicClient, { vault: address, ...(holder ? { holder } : {}) });
      const price = formatUnits(v.sharePrice, 6);
      output(values.json, v, () =>
        [
          `${v.symbol} (${v.name}) ${v.address} over ${v.source}`,
          `assets ${formatAmount(v.totalAssets)} USDC   principal ${formatAmount(v.principal)}   yield ${formatAmount(v.yieldAvailable)}   share price ${price} USDC`,
          `coverage ${v.coverageRatioBps === undefined ? "- (no assets)" : formatBps(v.coverageRatioBps)} of assets (target ${formatBps(BigInt(v.config.targetBps))}; in force now ${formatAmount(v.activeCoverage)} USDC)`,
          `cover terms: market ${v.config.marketId}, ${formatDuration(v.config.period)} policies renewed ${formatDuration(v.config.renewBefore)} ahead, pools ${v.config.pools.join(",") || "-"}`,
          v.policies.length
            ? table(
                ["policy", "amount", "start", "end"],
                v.policies.map((p) => [
                  `#${p.policyId}`,
                  formatAmount(p.amount),
                  formatTime(p.start),
                  formatTime(p.end),
                ]),
              )
            : "no live policies",
          v.holder
            ? `holder ${v.holder.address}: ${formatUnits(v.holder.shares, v.decimals)} shares = ${formatAmount(v.holder.assets)} USDC`
            : "",
        ]
          .filter(Boolean)
          .join("\n"),
      );
      return 0;
    }

    const ctx = await connectWrite(values);
    const address = named(ctx.registry());
    if (sub === "deposit") {
      const amount = parseAmount("--amount", required(values, "amount", USAGE), 6);
      await ctx.confirm(`deposit ${formatAmount(amount)} USDC into insured vault ${address}`);
      const r = await insuredVaultDeposit(ctx.wallet, { vault: address, assets: amount });
      output(
        values.json,
        { vault: address, assets: amount, shares: r.shares, tx: r.hash },
        () =>
          `deposited ${formatAmount(amount)} USDC into ${address} for ${formatUnits(r.shares, 12)} shares (tx ${r.hash})`,
      );
      return 0;
    }
    if (sub === "redeem") {
      const me = ctx.wallet.account.address;
      const v = await getInsuredVault(ctx.publicClient, { vault: address, holder: me });
      const shares = values.all
        ? (v.holder?.shares ?? 0n)
        : parseAmount("--shares", required(values, "shares", USAGE), v.decimals);
      if (shares === 0n) throw new NotReadyError(`${me} holds no shares of ${v.symbol}`);
      await ctx.confirm(`redeem ${formatUnits(shares, v.decimals)} ${v.symbol} shares`);
      const r = await insuredVaultRedeem(ctx.wallet, { vault: address, shares });
      output(
        values.json,
        { vault: address, shares: r.shares, assets: r.assets, tx: r.hash },
        () =>
          `redeemed ${formatUnits(r.shares, v.decimals)} shares for ${formatAmount(r.assets)} USDC (tx ${r.hash})`,
      );
      return 0;
    }
    // roll
    await ctx.confirm(`roll the cover of insured vault ${address}`);
    const r = await rollCover(ctx.wallet, { vault: address });
    output(
      values.json,
      {
        vault: address,
        policyId: r.policyId,
        amount: r.amount,
        premium: r.premium,
        coveredBps: r.coveredBps,
        expiredIds: r.expired,
        tx: r.hash,
      },
      () =>
        r.policyId === 0n
          ? `already covered: nothing bought${r.expired.length ? ` (${r.expired.length} expired policies dropped)` : ""} (tx ${r.hash})`
          : `bought policy #${r.policyId}: ${formatAmount(r.amount)} USDC for ${formatAmount(r.premium)} USDC from yield; coverage ${formatBps(r.coveredBps)} (tx ${r.hash})`,
    );
    return 0;
  },
};

export default vault;
