import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "../command.ts";
import { NotReadyError } from "../errors.ts";

const e2eDir = resolve(import.meta.dirname, "../../../../e2e");
const script = resolve(e2eDir, "replay.ts");
const USAGE = `usage: backstop replay [chainlink-rounds.csv (default: data/prices/chainlink_usdc_usd_mainnet_rounds.csv)] [--trigger-price 0.995 --recovery-price 0.999 --window 24h ...]
Replays a historical price series through the peg trigger on a local chain (e2e/replay.ts).`;

const replay: Command = {
  summary: "replay historical prices through the peg trigger",
  usage: USAGE,
  async run(argv) {
    if (argv.includes("-h") || argv.includes("--help")) {
      console.log(USAGE);
      return 0;
    }
    if (!existsSync(script)) throw new NotReadyError("e2e/replay.ts is missing in this checkout");
    const tsx = import.meta.resolve("tsx");
    const args = argv.map((a) => (a.endsWith(".csv") && !a.startsWith("/") ? resolve(process.cwd(), a) : a));
    const child = spawn(process.execPath, ["--import", tsx, script, ...args], {
      cwd: e2eDir,
      stdio: "inherit",
    });
    return new Promise((done) => child.on("exit", (code) => done(code ?? 1)));
  },
};

export default replay;
