// Replays a recorded Chainlink round series through a PegTrigger on the local Hardhat chain.
// Usage: npm run replay -- [csv, default data/prices/chainlink_usdc_usd_mainnet_rounds.csv] [--trigger-price 0.995] [--recovery-price 0.999] [--window 24h] [--peg 1]
//          [--payout binary|proportional] [--max-staleness 25h] [--from <date|unix>] [--to <date|unix>]
// Three MockAggregators answer every round (2 fresh feeds required); each round is set at its real updatedAt and
// the trigger is poked in the same transaction, keeper-style. The last stdout line is the JSON result.
import { readFile } from "node:fs/promises";
import path from "node:path";
import hre from "./hardhat.ts";
import { replayOnChain } from "./replay/chain.ts";
import {
  orderRounds,
  parseArgs,
  parseRounds,
  ReplayInputError,
  type Round,
  withDefaultCsv,
} from "./replay/input.ts";
import { referenceOutcome } from "./replay/reference.ts";

async function loadRounds(file: string): Promise<Round[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "read error";
    throw new ReplayInputError(`cannot read ${file} (${code})`);
  }
  const rounds = orderRounds(parseRounds(text));
  if (rounds.length === 0) throw new ReplayInputError(`${file} has no rounds`);
  return rounds;
}

async function main(): Promise<void> {
  const opts = parseArgs(withDefaultCsv(process.argv.slice(2)));
  // npm runs workspace scripts in the workspace; resolve the CSV from where the command was typed.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), opts.csv);
  const rounds = (await loadRounds(file)).filter((r) => r.updatedAt >= opts.from && r.updatedAt < opts.to);
  if (rounds.length === 0) throw new ReplayInputError("no rounds in the --from/--to range");
  const started = performance.now();
  await hre.tasks.getTask("build").run({ quiet: true });
  const result = await replayOnChain(hre.network, opts, rounds, (line) => console.error(line));
  const ref = referenceOutcome(rounds, opts);
  const agrees =
    result.fired === (ref.fire !== null) &&
    result.candidateRoundId === (ref.candidate?.roundId.toString() ?? null) &&
    result.fireRoundId === (ref.fire?.roundId.toString() ?? null) &&
    (opts.payout === "binary" || result.payoutBps === ref.payoutBps);
  console.error(
    agrees
      ? `replay: the off-chain reference agrees (${ref.candidates} candidate(s), ${ref.cancelled} cancelled)`
      : `replay: WARNING the off-chain reference disagrees: ${JSON.stringify(ref, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`,
  );
  console.error(`replay: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
    console.error(`replay: ${message}`);
    process.exit(e instanceof ReplayInputError ? 2 : 1);
  },
);
