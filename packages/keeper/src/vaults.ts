import { prepareRollCover, rollCover } from "@backstop/sdk";
import type { Address } from "viem";
import type { KeeperContext } from "./context.ts";
import { execute } from "./execute.ts";

/**
 * Keeps the insured vaults this keeper serves covered: each vault's `rollCover` is simulated first (a covered
 * vault buys nothing, so nothing is sent) and sent only when it would buy. The key names the policy the roll
 * would mint, so a restart neither repeats a mined roll nor skips a needed one. A vault whose roll cannot go
 * through (its market is FROZEN, its yield is short) is logged and tried again next tick.
 */
export async function rollVaults(ctx: KeeperContext, vaults: readonly Address[]): Promise<number> {
  let rolled = 0;
  for (const vault of vaults) {
    let policyId: bigint;
    try {
      const { result } = await ctx.client.simulateContract({
        ...prepareRollCover({ vault }),
        account: ctx.client.account,
      });
      policyId = result[0];
    } catch (err) {
      ctx.log({
        level: "warn",
        event: "roll.unavailable",
        vault,
        reason: (err as Error).message.split("\n")[0],
      });
      continue;
    }
    if (policyId === 0n) continue;
    const result = await execute(ctx, {
      key: `roll:${vault}:${policyId}`,
      kind: "roll",
      run: (onHash) => rollCover(ctx.client, { vault, onHash }),
      fields: { vault, policyId },
    });
    if (result === "sent") rolled++;
  }
  return rolled;
}
