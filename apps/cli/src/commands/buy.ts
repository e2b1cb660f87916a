import { buyCover, formatAmount } from "@backstop/sdk";
import { parseCommand, printHelp } from "../cli.ts";
import type { Command } from "../command.ts";
import { connectWrite } from "../context.ts";
import { NotReadyError } from "../errors.ts";
import { formatTime } from "../format/time.ts";
import { output } from "../options.ts";
import { formatDuration, parseAmount } from "../parse.ts";
import { QUOTE_OPTIONS, quoteFromArgs } from "./quote.ts";

const USAGE = `usage: backstop buy --market <id> --amount <USDC> --period <30d|90d|seconds> [--max-premium <USDC>] [--pools 0,1]
Quotes, then buys cover paying with an EIP-2612 permit; the policy NFT goes to the signer.
Refuses a market that sells no cover (FROZEN, TRIGGERED, PAUSED, RETIRED) before sending anything.
  --max-premium <USDC>  the most to pay (default: the quote plus 1%)`;

const buy: Command = {
  summary: "buy cover (policy NFT)",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(
      argv,
      { ...QUOTE_OPTIONS, "max-premium": { type: "string" } },
      USAGE,
    );
    if (help) return printHelp(help);
    const maxArg = values["max-premium"] ? parseAmount("--max-premium", values["max-premium"], 6) : undefined;
    const ctx = await connectWrite(values);
    const { d, marketId, amount, period, q } = await quoteFromArgs(values, USAGE, ctx);
    if (q.filled < amount)
      throw new NotReadyError(
        `only ${formatAmount(q.filled)} USDC of cover is available on market ${marketId}: lower --amount`,
      );
    const maxPremium = maxArg ?? q.total + q.total / 100n;
    if (maxPremium < q.total)
      throw new NotReadyError(
        `the premium is ${formatAmount(q.total)} USDC, above --max-premium ${formatAmount(maxPremium)}: raise it or lower --amount/--period`,
      );
    await ctx.confirm(
      `buy ${formatAmount(amount)} USDC of cover on market ${marketId} for ${formatDuration(period)}, paying at most ${formatAmount(maxPremium)} USDC`,
    );
    // The permit deadline follows chain time (a development chain's clock may run ahead of the wall clock).
    const chainNow = (await ctx.publicClient.getBlock()).timestamp;
    const bought = await buyCover(ctx.wallet, {
      coverManager: d.coverManager,
      marketId,
      amount,
      period,
      pools: q.pools,
      maxPremium,
      permit: { deadline: chainNow + 3_600n },
    });
    const r = {
      policyId: bought.policyId,
      marketId,
      amount,
      premium: bought.premium,
      start: bought.start,
      end: bought.end,
      pools: q.pools,
      tx: bought.hash,
    };
    output(values.json, r, () =>
      [
        `policy #${bought.policyId}: ${formatAmount(amount)} USDC on market ${marketId} for ${formatAmount(bought.premium)} USDC`,
        `covered ${formatTime(bought.start)} -> ${formatTime(bought.end)} (pools ${q.pools.join(",")})`,
        `tx ${bought.hash}`,
      ].join("\n"),
    );
    return 0;
  },
};

export default buy;
