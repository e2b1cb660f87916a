/** Writes bench/results/periphery-transcript.txt: the periphery demo on a fresh seeded devnet (see lib/peripheryDemo.ts). */
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { runPeripheryDemo } from "./lib/peripheryDemo.ts";

const lines: string[] = [];
const r = await runPeripheryDemo((line) => {
  lines.push(line);
  console.log(line);
});
const usd = (n: bigint) => (Number(n) / 1e6).toFixed(6);
lines.push(
  "",
  "# Summary",
  `insured deposit: policy #${r.insuredDeposit.policyId}, premium ${usd(r.insuredDeposit.premium)} USDC, one transaction`,
  `insured vault share price: ${usd(r.sharePrice.seeded)} -> ${usd(r.sharePrice.afterLoss)} (de-peg loss) -> ${usd(r.sharePrice.afterPayout)} (after the keeper's payout of ${usd(r.vaultPayouts)} USDC)`,
  `protection: holders of ${usd(r.protection.holderA)} and ${usd(r.protection.holderB)} tokens paid ${usd(r.protection.paidA)} and ${usd(r.protection.paidB)} USDC (pro rata)`,
);
const out = resolve(import.meta.dirname, "../bench/results/periphery-transcript.txt");
mkdirSync(resolve(out, ".."), { recursive: true });
writeFileSync(out, `${lines.join("\n")}\n`);
console.log(`\nwrote ${out}`);
