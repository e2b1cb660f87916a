import { parseArgs } from "node:util";
import { connectRead } from "../chain/context.ts";
import { type Command, UsageError } from "../command.ts";
import { KEEPER_INDEX } from "../devnet/accounts.ts";
import { startDevnet } from "../devnet/start.ts";
import { formatStatus, readStatus } from "../devnet/summary.ts";
import { output } from "../options.ts";
import { formatDuration } from "../parse.ts";

const USAGE = `usage: backstop dev [--port 8545] [--exit-after-seed] [--poll <ms>] [--json]
Starts a local chain (Hardhat's EDR node), deploys Backstop, seeds markets, pools, capital and policies,
runs the keeper and prints a summary. Ctrl-C stops everything.
  --port <n>          JSON-RPC port on 127.0.0.1 (default 8545)
  --exit-after-seed   print the summary and exit (alias --once)
  --poll <ms>         keeper poll interval (default 1000)
  --json              machine-readable summary`;

const dev: Command = {
  summary: "local devnet: chain, deployment, realistic seed and keeper",
  usage: USAGE,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string", default: "8545" },
        "exit-after-seed": { type: "boolean", default: false },
        once: { type: "boolean", default: false },
        poll: { type: "string", default: "1000" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65_535)
      throw new UsageError(`invalid --port "${values.port}"`);
    const poll = Number(values.poll);
    if (!Number.isInteger(poll) || poll < 50)
      throw new UsageError(`invalid --poll "${values.poll}": expected ms >= 50`);
    const once = values["exit-after-seed"] || values.once;
    const say = (s: string) => {
      if (!values.json) console.log(s);
    };
    const devnet = await startDevnet({
      port,
      keeper: !once,
      ...(process.env.BACKSTOP_DEPLOYMENTS_DIR
        ? { deploymentsDir: process.env.BACKSTOP_DEPLOYMENTS_DIR }
        : {}),
      pollIntervalMs: poll,
      onStep: say,
      logger: { info: say, warn: (s) => process.stderr.write(`${s}\n`) },
    });
    try {
      const { publicClient } = await connectRead(devnet.rpcUrl);
      const status = await readStatus(publicClient, devnet.deployment);
      const d = devnet.deployment;
      output(values.json, { rpcUrl: devnet.rpcUrl, deployment: d, status, timings: devnet.timings }, () =>
        [
          "",
          `Backstop devnet on ${devnet.rpcUrl} (chain ${d.chainId}); registry ${devnet.registryFile}`,
          `  markets ${d.markets}   cover manager ${d.coverManager}   settlement ${d.settlement}`,
          `  pool factory ${d.poolFactory}   assessed claims ${d.assessedClaims}   USDC (mock) ${d.stable}`,
          `  feeds USDC ${d.seed?.feeds.USDC?.join(", ")}`,
          `        USDT ${d.seed?.feeds.USDT?.join(", ")}`,
          `  de-peg rule: below $0.995 for ${formatDuration(d.seed?.pegWindow ?? 0)} without a $0.999 recovery; bridge ${d.seed?.bridge}`,
          `  ready in ${((devnet.timings.nodeMs + devnet.timings.deployMs + devnet.timings.seedMs) / 1000).toFixed(1)}s (node ${(devnet.timings.nodeMs / 1000).toFixed(1)}s, deploy ${(devnet.timings.deployMs / 1000).toFixed(1)}s, seed ${(devnet.timings.seedMs / 1000).toFixed(1)}s)`,
          "",
          formatStatus(status),
          "",
          once
            ? "exiting (--exit-after-seed)"
            : [
                `keeper: @backstop/keeper as dev account #${KEEPER_INDEX}`,
                "your account: dev account #0 (1,000,000 USDC). Try:",
                "  backstop markets        backstop quote --market 3 --amount 10000 --period 30d",
                "  backstop buy --market 3 --amount 10000 --period 30d",
                "  backstop feed set --asset USDC --price 0.97 && backstop time advance 25h",
                "  backstop claim --policy <id>",
                "Ctrl-C stops the chain and the keeper.",
              ].join("\n"),
        ].join("\n"),
      );
    } catch (err) {
      await devnet.stop();
      throw err;
    }
    if (once) {
      await devnet.stop();
      return 0;
    }
    await new Promise<void>((done) => {
      const stop = () => done();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    say("stopping the keeper and the chain...");
    await devnet.stop();
    return 0;
  },
};

export default dev;
