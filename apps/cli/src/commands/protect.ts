import {
  collectProtection,
  formatAmount,
  getProtectionSeries,
  mintProtection,
  quote,
  redeemProtection,
  resolveProtection,
} from "@backstop/sdk";
import { assertInsurable, marketOf, parseCommand, printHelp, required } from "../cli.ts";
import { type Command, UsageError } from "../command.ts";
import { connectRead, connectWrite, type Registry, signerAddress } from "../context.ts";
import { NotReadyError } from "../errors.ts";
import { formatTime } from "../format/time.ts";
import { output } from "../options.ts";
import { parseAddress, parseAmount, parseId } from "../parse.ts";
import { peripheryOf, resolveNamed } from "../periphery.ts";

const USAGE = `usage: backstop protect mint --series <addr|name> --amount <USDC> [--max-premium <USDC>] [--pools 0,1]
       backstop protect resolve --series <addr|name> --lot <policyId>
       backstop protect collect --series <addr|name> [--max <policies>]
       backstop protect redeem --series <addr|name> (--amount <tokens> | --all)
       backstop protect show --series <addr|name> [--holder <addr>]
Protection tokens: an ERC-20 per (parametric market, UTC-day expiry) backed 1:1 by cover ending at expiry.
mint buys cover into the series (tokens locked until the lot matures: start + 7 days); resolve unlocks a matured
lot (or burns it if its policy started after the incident); after settlement, collect claims the series' payouts
and redeem pays the unlocked tokens pro rata.
  --series <addr|name>  the series (a name recorded by the devnet: demo)`;

const SUBS = ["mint", "resolve", "collect", "redeem", "show"] as const;

const protect: Command = {
  summary: "protection tokens: mint, resolve, collect, redeem, show",
  usage: USAGE,
  async run(argv) {
    const { values, positionals, help } = parseCommand(
      argv,
      {
        series: { type: "string" },
        amount: { type: "string" },
        "max-premium": { type: "string" },
        pools: { type: "string" },
        lot: { type: "string" },
        max: { type: "string" },
        all: { type: "boolean", default: false },
        holder: { type: "string" },
      },
      USAGE,
    );
    if (help) return printHelp(help);
    const sub = positionals[0] as (typeof SUBS)[number];
    if (!SUBS.includes(sub)) throw new UsageError(`usage: backstop protect <${SUBS.join("|")}> (see --help)`);
    const seriesArg = required(values, "series", USAGE);
    const names = (ctx: { registry(): Registry }) =>
      Object.fromEntries(
        Object.entries(peripheryOf(ctx.registry())?.series ?? {}).map(([n, s]) => [n, s.address]),
      );

    if (sub === "show") {
      const holderArg = values.holder ? parseAddress("--holder", values.holder) : undefined;
      const ctx = await connectRead(values);
      const series = resolveNamed("--series", seriesArg, names(ctx), "protection series");
      const holder = holderArg ?? (await signerAddress(ctx, values));
      const s = await getProtectionSeries(ctx.publicClient, { series, ...(holder ? { holder } : {}) });
      output(values.json, s, () =>
        [
          `${s.symbol} (${s.name}) ${s.address}`,
          `market ${s.marketId}, expiry ${formatTime(s.expiry)}`,
          `supply ${formatAmount(s.supply)}   collected ${s.collected ? "yes" : "no"}   eligible ${formatAmount(s.eligible)}   held for redemptions ${formatAmount(s.balance)} USDC`,
          s.holder
            ? `holder ${s.holder.address}: ${formatAmount(s.holder.balance)} (${formatAmount(s.holder.locked)} locked, ${formatAmount(s.holder.unlocked)} unlocked)`
            : "",
        ]
          .filter(Boolean)
          .join("\n"),
      );
      return 0;
    }

    const ctx = await connectWrite(values);
    const d = ctx.registry();
    const series = resolveNamed("--series", seriesArg, names(ctx), "protection series");

    if (sub === "mint") {
      const amount = parseAmount("--amount", required(values, "amount", USAGE), 6);
      const maxArg = values["max-premium"]
        ? parseAmount("--max-premium", values["max-premium"], 6)
        : undefined;
      const pools =
        typeof values.pools === "string"
          ? values.pools.split(",").map((p) => Number(parseId("--pools", p)))
          : undefined;
      const s = await getProtectionSeries(ctx.publicClient, { series });
      const market = await marketOf(ctx, d, s.marketId);
      assertInsurable(market);
      const now = (await ctx.publicClient.getBlock()).timestamp;
      const start = now + BigInt(market.maturationDelay);
      if (s.expiry <= start + BigInt(market.minPeriod))
        throw new NotReadyError(
          `series ${s.symbol} expires ${formatTime(s.expiry)}: too close for market ${s.marketId}'s minimum period; pick a later series`,
        );
      const q = await quote(ctx.publicClient, {
        markets: d.markets,
        poolLens: d.poolLens,
        marketId: s.marketId,
        amount,
        period: s.expiry - start,
        ...(pools ? { pools, ordering: "given" as const } : {}),
      });
      if (q.filled < amount)
        throw new NotReadyError(
          `only ${formatAmount(q.filled)} USDC of cover is available on market ${s.marketId}: lower --amount`,
        );
      const maxPremium = maxArg ?? q.total + q.total / 100n;
      await ctx.confirm(
        `mint ${formatAmount(amount)} ${s.symbol}, paying at most ${formatAmount(maxPremium)} USDC`,
      );
      const r = await mintProtection(ctx.wallet, { series, amount, pools: q.pools, maxPremium });
      output(
        values.json,
        {
          series,
          lotId: r.policyId,
          policyId: r.policyId,
          amount: r.amount,
          premium: r.premium,
          maturesAt: r.maturesAt,
          tx: r.hash,
        },
        () =>
          `minted ${formatAmount(r.amount)} ${s.symbol} (lot #${r.policyId}) for ${formatAmount(r.premium)} USDC; locked until ${formatTime(r.maturesAt)}, then \`backstop protect resolve --lot ${r.policyId}\` (tx ${r.hash})`,
      );
      return 0;
    }
    if (sub === "resolve") {
      const lot = parseId("--lot", required(values, "lot", USAGE));
      await ctx.confirm(`resolve lot ${lot} of ${series}`);
      const r = await resolveProtection(ctx.wallet, { series, policyId: lot });
      output(
        values.json,
        { series, lotId: lot, holder: r.holder, amount: r.amount, eligible: r.eligible, tx: r.hash },
        () =>
          r.eligible
            ? `lot #${lot}: ${formatAmount(r.amount)} tokens of ${r.holder} unlocked (transferable, redeemable after settlement) (tx ${r.hash})`
            : `lot #${lot}: ${formatAmount(r.amount)} tokens of ${r.holder} burned: its policy started after the incident (tx ${r.hash})`,
      );
      return 0;
    }
    if (sub === "collect") {
      const max = values.max ? parseId("--max", values.max) : 100n;
      await ctx.confirm(`collect the payouts of ${series}`);
      const r = await collectProtection(ctx.wallet, { series, maxPolicies: max });
      output(
        values.json,
        { series, done: r.done, eligible: r.eligibleOutstanding, balance: r.balance, tx: r.hash },
        () =>
          r.done
            ? `collected: ${formatAmount(r.balance)} USDC for ${formatAmount(r.eligibleOutstanding)} eligible tokens; redemptions open (tx ${r.hash})`
            : `collected part of the series' policies; run \`backstop protect collect\` again (tx ${r.hash})`,
      );
      return 0;
    }
    // redeem
    const me = ctx.wallet.account.address;
    let amount: bigint;
    if (values.all) {
      const s = await getProtectionSeries(ctx.publicClient, { series, holder: me });
      amount = s.holder?.unlocked ?? 0n;
      if (amount === 0n) throw new NotReadyError(`${me} holds no unlocked tokens of ${s.symbol}`);
    } else amount = parseAmount("--amount", required(values, "amount", USAGE), 6);
    await ctx.confirm(`redeem ${formatAmount(amount)} tokens of ${series}`);
    const r = await redeemProtection(ctx.wallet, { series, amount });
    output(
      values.json,
      { series, amount: r.amount, paid: r.paid, tx: r.hash },
      () => `redeemed ${formatAmount(r.amount)} tokens for ${formatAmount(r.paid)} USDC (tx ${r.hash})`,
    );
    return 0;
  },
};

export default protect;
