import { poolAbi } from "@backstop/abi";
import {
  formatAmount,
  getRedeemRequest,
  redeem,
  requestRedeem,
  withdraw as withdrawAssets,
} from "@backstop/sdk";
import { connectWrite, registryOf } from "../chain/context.ts";
import { parseCommand, poolAddressOf, printHelp, required } from "../cli.ts";
import type { Command } from "../command.ts";
import { NotReadyError } from "../errors.ts";
import { output } from "../options.ts";
import { parseAmount, parseId } from "../parse.ts";

const USAGE = `usage: backstop withdraw --pool <id> [--amount <USDC> | --all]
Exits are asynchronous (ERC-7540): the first run requests a redemption (shares escrowed for the pool's
cooldown, valued at the exit price: capital less the claim hold); run it again once claimable to claim at
min(value at request, exit value now): --amount withdraws that much, otherwise the whole request (or as much
of it as free capital pays). Claims wait while a backed market's trigger is not ACTIVE.`;

const iso = (t: bigint) => new Date(Number(t) * 1000).toISOString();

const withdraw: Command = {
  summary: "request a redemption (ERC-7540), or claim one whose cooldown is over",
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
    const [request, block] = await Promise.all([
      getRedeemRequest(ctx.publicClient, { pool, controller: me }),
      ctx.publicClient.getBlock(),
    ]);
    if (request.shares > 0n) {
      if (request.pending > 0n)
        throw new NotReadyError(
          `a request for ${formatAmount(request.assets)} USDC is pending: claimable at ${iso(request.claimableAt)} (in ${Number(request.claimableAt - block.timestamp)}s)`,
        );
      if (!request.exitsOpen)
        throw new NotReadyError(
          `pool ${poolId} backs a market whose trigger is not ACTIVE: claims wait until it recovers or the incident is settled`,
        );
      if (request.maxRedeem === 0n)
        throw new NotReadyError(
          `pool ${poolId} has no free capital for your request now (active cover locks it): retry after cover expires`,
        );
      if (amount !== undefined) {
        if (amount > request.maxWithdraw)
          throw new NotReadyError(
            `--amount exceeds what the request pays now (${formatAmount(request.maxWithdraw)} USDC): lower it or omit it`,
          );
        const r = await withdrawAssets(ctx.wallet, { pool, assets: amount });
        output(
          values.json,
          { action: "withdraw", poolId, shares: r.shares, assets: r.assets, tx: r.hash },
          () =>
            `withdrew ${formatAmount(r.assets)} USDC from pool ${poolId} (${r.shares} shares of the request; tx ${r.hash})`,
        );
        return 0;
      }
      const r = await redeem(ctx.wallet, { pool, shares: request.maxRedeem });
      const left = request.shares - r.shares;
      output(
        values.json,
        { action: "redeem", poolId, shares: r.shares, assets: r.assets, remaining: left, tx: r.hash },
        () =>
          `redeemed ${r.shares} shares of pool ${poolId} for ${formatAmount(r.assets)} USDC (tx ${r.hash})` +
          (left > 0n ? `; ${left} shares stay requested until free capital allows` : ""),
      );
      return 0;
    }
    const read = { address: pool, abi: poolAbi } as const;
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
        `requested ${formatAmount(r.assets)} USDC (${shares} shares) from pool ${poolId}; run again after ${iso(r.claimableAt)}`,
    );
    return 0;
  },
};

export default withdraw;
