import { deposit as depositAssets, formatAmount } from "@backstop/sdk";
import { parseCommand, poolAddressOf, printHelp, required } from "../cli.ts";
import type { Command } from "../command.ts";
import { connectWrite } from "../context.ts";
import { output } from "../options.ts";
import { parseAmount, parseId } from "../parse.ts";

const USAGE =
  "usage: backstop deposit --pool <id> --amount <USDC>\nDeposits capital into a pool (approving it first when needed) and prints the shares minted.";

const deposit: Command = {
  summary: "provide capital to a pool",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(
      argv,
      { pool: { type: "string" }, amount: { type: "string" } },
      USAGE,
    );
    if (help) return printHelp(help);
    const poolId = parseId("--pool", required(values, "pool", USAGE));
    const amount = parseAmount("--amount", required(values, "amount", USAGE), 6);
    const ctx = await connectWrite(values);
    const pool = await poolAddressOf(ctx, ctx.registry(), poolId);
    await ctx.confirm(`deposit ${formatAmount(amount)} USDC into pool ${poolId}`);
    const r = await depositAssets(ctx.wallet, { pool, assets: amount });
    output(
      values.json,
      { poolId, pool, assets: amount, shares: r.shares, tx: r.hash },
      () =>
        `deposited ${formatAmount(amount)} USDC into pool ${poolId} for ${r.shares} shares (tx ${r.hash})`,
    );
    return 0;
  },
};

export default deposit;
