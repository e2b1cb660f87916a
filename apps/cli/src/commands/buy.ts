import { buyCover, formatAmount } from "@backstop/sdk";
import { connectWrite } from "../chain/context.ts";
import { parseCommand, printHelp } from "../cli.ts";
import type { Command } from "../command.ts";
import { NotReadyError } from "../errors.ts";
import { output } from "../options.ts";
import { parseAmount } from "../parse.ts";
import { QUOTE_OPTIONS, quoteFromArgs } from "./quote.ts";

const USAGE = `usage: backstop buy --market <id> --amount <USDC> --period <30d|90d|seconds> [--max-premium <USDC>] [--pools 0,1]
Quotes, then buys cover paying with an EIP-2612 permit; the policy NFT goes to the signer.
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
    const ctx = await connectWrite(values["rpc-url"], values["private-key"]);
    const { d, marketId, amount, period, q } = await quoteFromArgs(values, USAGE, ctx.rpcUrl);
    if (q.filled < amount)
      throw new NotReadyError(
        `only ${formatAmount(q.filled)} USDC of cover is available on market ${marketId}: lower --amount`,
      );
    const maxPremium = values["max-premium"]
      ? parseAmount("--max-premium", values["max-premium"], 6)
      : q.total + q.total / 100n;
    if (maxPremium < q.total)
      throw new NotReadyError(
        `the premium is ${formatAmount(q.total)} USDC, above --max-premium ${formatAmount(maxPremium)}: raise it or lower --amount/--period`,
      );
    const bought = await buyCover(ctx.wallet, {
      coverManager: d.coverManager,
      marketId,
      amount,
      period,
      pools: q.pools,
      maxPremium,
      permit: true,
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
        `covered ${new Date(Number(bought.start) * 1000).toISOString()} -> ${new Date(Number(bought.end) * 1000).toISOString()} (pools ${q.pools.join(",")})`,
        `tx ${bought.hash}`,
      ].join("\n"),
    );
    return 0;
  },
};

export default buy;
