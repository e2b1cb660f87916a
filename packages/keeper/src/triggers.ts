import { drainTriggerAbi, pegTriggerAbi } from "@backstop/abi";
import { previewPoke, type ReadTriggerReturnType, type TriggerKind } from "@backstop/sdk";
import { type Address, parseAbi } from "viem";
import type { KeeperClient } from "./context.ts";

/** Chainlink's AggregatorV3Interface (the standard every feed implements; not the mock's ABI). */
const aggregatorV3Abi = parseAbi([
  "function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)",
]);

/** Whether to poke a trigger now, why, and the observations to remember once the poke is mined. */
export type PokeDecision = { poke: boolean; reason: string; observed: string };

/**
 * The observations a trigger's rule depends on, as one comparable string: for a peg trigger each feed's
 * latest (roundId, updatedAt), for a drain trigger the observed value; empty for the others.
 */
export async function observe(client: KeeperClient, trigger: Address, kind: TriggerKind): Promise<string> {
  if (kind === "peg") {
    const feeds = await client.readContract({ address: trigger, abi: pegTriggerAbi, functionName: "feeds" });
    const rounds = await Promise.all(
      feeds.map((feed) =>
        client
          .readContract({ address: feed, abi: aggregatorV3Abi, functionName: "latestRoundData" })
          .then(([roundId, , , updatedAt]) => `${roundId}@${updatedAt}`)
          // A failing feed is an observation too: the trigger ignores it, so it changes nothing.
          .catch(() => "fault"),
      ),
    );
    return rounds.join(",");
  }
  if (kind === "drain") {
    const value = await client.readContract({
      address: trigger,
      abi: drainTriggerAbi,
      functionName: "currentValue",
    });
    return value.toString();
  }
  return "";
}

/**
 * Decides whether a poke can change anything: never once TRIGGERED; for peg and drain triggers whenever the
 * observations changed since the last poke; otherwise (and as a fallback, e.g. a committee's challenge period
 * or an optimistic proposal's liveness elapsing) when a static call of poke() returns another state.
 */
export async function decidePoke(
  client: KeeperClient,
  trigger: Address,
  read: ReadTriggerReturnType,
  lastObserved: string | undefined,
): Promise<PokeDecision> {
  if (read.state === "TRIGGERED") return { poke: false, reason: "triggered", observed: lastObserved ?? "" };
  const observed = await observe(client, trigger, read.kind);
  if ((read.kind === "peg" || read.kind === "drain") && observed !== lastObserved) {
    return { poke: true, reason: "new-observation", observed };
  }
  const preview = await previewPoke(client, { trigger, account: client.account.address });
  if (preview.changes)
    return { poke: true, reason: `state-change:${preview.current}->${preview.next}`, observed };
  return { poke: false, reason: "no-change", observed };
}
