import { drainTriggerAbi, marketsAbi } from "@backstop/abi";
import { formatAmount } from "@backstop/sdk";
import { type Address, type PublicClient, zeroAddress } from "viem";
import type { Registry, Signer } from "../chain/context.ts";
import { readIncident, settleMarket } from "../chain/settlement.ts";
import { pokeTrigger, previewPoke, readTrigger } from "../chain/trigger.ts";

export type KeeperLogger = { info(msg: string): void; warn(msg: string): void };
export type MiniKeeper = { stop(): Promise<void>; tick(): Promise<void> };

/** Seconds between drain-trigger pokes when the watched value did not move (its bucket length). */
const DRAIN_POKE_EVERY = 600n;

/**
 * A minimal keeper for the devnet: pokes each parametric market's trigger when a poke would change its state
 * (and drain triggers regularly, so they track their window maximum), then settles fired markets. Stateless
 * and idempotent: a restart re-derives everything from the chain.
 */
export function startMiniKeeper(p: {
  publicClient: PublicClient;
  wallet: Signer;
  deployment: Registry;
  pollIntervalMs?: number;
  logger?: KeeperLogger;
}): MiniKeeper {
  const { publicClient, wallet, deployment } = p;
  const log = p.logger ?? { info: () => {}, warn: () => {} };
  const drains = new Set(
    (deployment.seed?.markets ?? []).filter((m) => m.kind === "drain").map((m) => m.trigger),
  );
  const lastDrain = new Map<Address, { value: bigint; at: bigint }>();
  let running = true;
  let busy: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const tickOnce = async () => {
    const read = { address: deployment.markets, abi: marketsAbi } as const;
    const count = await publicClient.readContract({ ...read, functionName: "marketCount" });
    const now = (await publicClient.getBlock()).timestamp;
    for (let id = 1n; id <= count; id++) {
      const market = await publicClient.readContract({ ...read, functionName: "market", args: [id] });
      if (market.claimMode !== 0 || market.trigger === zeroAddress) continue;
      let { state } = await readTrigger(publicClient, market.trigger);
      if (state !== "TRIGGERED") {
        const next = await previewPoke(publicClient, market.trigger, wallet.account.address);
        if (next !== state || (drains.has(market.trigger) && (await drainDue(market.trigger, now)))) {
          await pokeTrigger(wallet, market.trigger);
          if (next !== state) log.info(`keeper: market ${id} trigger ${state} -> ${next}`);
          state = next;
        }
      }
      if (state === "TRIGGERED") {
        const inc = await readIncident(publicClient, deployment.settlement, id);
        if (inc.settledAt === 0) {
          await settleMarket(wallet, deployment.settlement, id);
          const after = await readIncident(publicClient, deployment.settlement, id);
          log.info(
            `keeper: settled market ${id}: payout ${(Number(after.payoutPerUnitWad) / 1e16).toFixed(2)}% per unit, reserve ${formatAmount(after.funded)} of ${formatAmount(after.required)} USDC`,
          );
        }
      }
    }
  };

  const drainDue = async (trigger: Address, now: bigint) => {
    const value = await publicClient.readContract({
      address: trigger,
      abi: drainTriggerAbi,
      functionName: "currentValue",
    });
    const last = lastDrain.get(trigger);
    if (last && last.value === value && now - last.at < DRAIN_POKE_EVERY) return false;
    lastDrain.set(trigger, { value, at: now });
    return true;
  };

  const tick = () => {
    busy = busy.then(tickOnce).catch((err: unknown) => {
      const e = err as { shortMessage?: string; message?: string };
      log.warn(`keeper: ${e.shortMessage ?? e.message ?? String(err)} (retrying)`);
    });
    return busy;
  };
  const loop = async () => {
    if (!running) return;
    await tick();
    if (running) timer = setTimeout(loop, p.pollIntervalMs ?? 1_000);
  };
  timer = setTimeout(loop, 0);
  return {
    tick,
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await busy;
    },
  };
}
