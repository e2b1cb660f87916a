import { writeDeployment } from "@backstop/abi";
import { deployBackstop } from "@backstop/sdk";
import type { WalletClient } from "viem";
import { connectWrite } from "../chain/context.ts";
import { parseCommand, printHelp } from "../cli.ts";
import type { Command } from "../command.ts";
import { output } from "../options.ts";
import { parseAddress } from "../parse.ts";

const USAGE = `usage: backstop deploy --rpc-url <url> --private-key <hex> [--governance <addr>] [--guardian <addr>]
                      [--risk-oracle <addr>] [--treasury <addr>] [--cover-asset <addr>] [--mock-stable]
Deploys Backstop to any EVM chain and records it in deployments/<chainId>.json.
  --cover-asset <addr>  a stablecoin allowed as cover asset (repeatable)
  --mock-stable         also deploy a mintable mock stablecoin (test networks)`;

const deploy: Command = {
  summary: "deploy the protocol to a chain",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(
      argv,
      {
        governance: { type: "string" },
        guardian: { type: "string" },
        "risk-oracle": { type: "string" },
        treasury: { type: "string" },
        "cover-asset": { type: "string", multiple: true },
        "mock-stable": { type: "boolean", default: false },
      },
      USAGE,
    );
    if (help) return printHelp(help);
    const opt = (name: "governance" | "guardian" | "risk-oracle" | "treasury") => {
      const v = values[name];
      return v ? parseAddress(`--${name}`, v) : undefined;
    };
    const roles = {
      governance: opt("governance"),
      guardian: opt("guardian"),
      riskOracle: opt("risk-oracle"),
      treasury: opt("treasury"),
    };
    const coverAssets = (values["cover-asset"] ?? []).map((a) => parseAddress("--cover-asset", a));
    const ctx = await connectWrite(values["rpc-url"], values["private-key"]);
    const d = await deployBackstop({
      walletClient: ctx.wallet as WalletClient,
      publicClient: ctx.publicClient,
      ...Object.fromEntries(Object.entries(roles).filter(([, v]) => v !== undefined)),
      coverAssets,
      stable: values["mock-stable"] === true,
    });
    const file = writeDeployment(d, process.env.BACKSTOP_DEPLOYMENTS_DIR);
    output(values.json, { ...d, file }, () =>
      [
        `deployed on chain ${d.chainId} -> ${file}`,
        ...Object.entries(d)
          .filter(([, v]) => typeof v === "string")
          .map(([k, v]) => `  ${k.padEnd(15)} ${v}`),
      ].join("\n"),
    );
    return 0;
  },
};

export default deploy;
