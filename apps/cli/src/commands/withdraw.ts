import { poolAbi } from "@backstop/abi";
import { formatAmount, redeem, requestRedeem } from "@backstop/sdk";
import { connectWrite, registryOf } from "../chain/context.ts";
import { parseCommand, poolAddressOf, printHelp, required } from "../cli.ts";
import type { Command } from "../command.ts";
import { NotReadyError } from "../errors.ts";
import { output } from "../options.ts";
import { parseAmount, parseId } from "../parse.ts";

const USAGE = `usage: backstop withdraw --pool <id> [--amount <USDC> | --all]
Withdrawals are asynchronous: the first run requests a redemption (shares escrowed for the pool's cooldown);
run it again once claimable to redeem at min(price at request, price now).`;

const withdraw: Command = {
  summary: "request a withdrawal, or redeem one whose cooldown is over",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(
      argv,
      { pool: { type: "string" }, amount: { type: "string" }, all: { type: "boolean", default: false } },
      USAGE,
    );
    if (help) return printHelp(help);
    const poolId = parseId("--pool", required(values, "pool", USAGE));
    const amount = values.amount ? parseAmount("--amount", values.amount, 6) : undefined;
    const ctx = await connectWrite(values["rpc-url"], values["private-key"]);
    const pool = await poolAddressOf(ctx, registryOf(ctx.chainId), poolId);
    const me = ctx.wallet.account.address;
    const read = { address: pool, abi: poolAbi } as const;
    const [[request, claimableAt], block] = await Promise.all([
      ctx.publicClient.readContract({ ...read, functionName: "redeemRequest", args: [me] }),
      ctx.publicClient.getBlock(),
    ]);
    if (request.shares > 0n) {
      if (block.timestamp < claimableAt)
        throw new NotReadyError(
          `a request for ${formatAmount(request.assets)} USDC is pending: redeemable at ${new Date(Number(claimableAt) * 1000).toISOString()} (in ${Number(claimableAt - block.timestamp)}s)`,
        );
      const r = await redeem(ctx.wallet, { pool });
      output(
        values.json,
        { action: "redeem", poolId, shares: r.shares, assets: r.assets, tx: r.hash },
        () =>
          `redeemed ${r.shares} shares of pool ${poolId} for ${formatAmount(r.assets)} USDC (tx ${r.hash})`,
      );
      return 0;
    }
    const balance = await ctx.publicClient.readContract({ ...read, functionName: "balanceOf", args: [me] });
    if (balance === 0n) throw new NotReadyError(`${me} holds no shares of pool ${poolId}: deposit first`);
    if (!values.all && amount === undefined) throw new NotReadyError("pass --amount <USDC> or --all");
    const shares =
      amount === undefined
        ? balance
        : await ctx.publicClient.readContract({ ...read, functionName: "convertToShares", args: [amount] });
    if (shares > balance)
      throw new NotReadyError(
        `--amount exceeds your position in pool ${poolId}: use --all or a smaller amount`,
      );
    const r = await requestRedeem(ctx.wallet, { pool, shares });
    output(
      values.json,
      { action: "request", poolId, shares, assets: r.assets, claimableAt: r.claimableAt, tx: r.hash },
      () =>
        `requested ${formatAmount(r.assets)} USDC (${shares} shares) from pool ${poolId}; run again after ${new Date(Number(r.claimableAt) * 1000).toISOString()}`,
    );
    return 0;
  },
};

export default withdraw;
