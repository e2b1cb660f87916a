import { writeDeployment } from "@backstop/abi/deployments";
import { DEFAULT_GOVERNANCE_DELAY, deployBackstop } from "@backstop/sdk";
import type { WalletClient } from "viem";
import { parseCommand, printHelp } from "../cli.ts";
import type { Command } from "../command.ts";
import { connectWrite } from "../context.ts";
import { formatSpan } from "../format/time.ts";
import { output } from "../options.ts";
import { parseAddress, parseDuration } from "../parse.ts";

const USAGE = `usage: backstop deploy [--network <name>] [--account <name>] [--governance <addr>] [--governance-delay <duration>]
                      [--guardian <addr>] [--voider <addr>] [--risk-oracle <addr>] [--treasury <addr>]
                      [--cover-asset <addr>] [--mock-stable]
Deploys Backstop to any EVM chain and records it in deployments/<chainId>.json. Seeds nothing: create
markets with \`backstop market create\` and pools with \`backstop pool create\`.
  --governance <addr>          holds the admin and governance roles, both timelocked (default: the deployer)
  --governance-delay <dur>     their execution delay (default 2d; shorter only on the devnet chain 31337)
  --guardian <addr>            may pause, without delay (default: governance)
  --voider <addr>              may void fraudulent assessed claims, without delay, nothing else (default: guardian)
  --risk-oracle <addr>         may move base rates within their bounds (default: governance)
  --cover-asset <addr>         a stablecoin allowed as cover asset (repeatable)
  --mock-stable                also deploy a mintable mock stablecoin (test networks)`;

const deploy: Command = {
  summary: "deploy the protocol to a chain",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(
      argv,
      {
        governance: { type: "string" },
        "governance-delay": { type: "string" },
        guardian: { type: "string" },
        voider: { type: "string" },
        "risk-oracle": { type: "string" },
        treasury: { type: "string" },
        "cover-asset": { type: "string", multiple: true },
        "mock-stable": { type: "boolean", default: false },
      },
      USAGE,
    );
    if (help) return printHelp(help);
    const opt = (name: "governance" | "guardian" | "voider" | "risk-oracle" | "treasury") => {
      const v = values[name];
      return v ? parseAddress(`--${name}`, v) : undefined;
    };
    const roles = {
      governance: opt("governance"),
      guardian: opt("guardian"),
      voider: opt("voider"),
      riskOracle: opt("risk-oracle"),
      treasury: opt("treasury"),
    };
    const delay = values["governance-delay"];
    const governanceDelay = delay
      ? delay === "0"
        ? 0
        : Number(parseDuration("--governance-delay", delay))
      : DEFAULT_GOVERNANCE_DELAY;
    const coverAssets = (values["cover-asset"] ?? []).map((a) => parseAddress("--cover-asset", a));
    const ctx = await connectWrite(values);
    await ctx.confirm(
      `deploy Backstop (governance ${roles.governance ?? ctx.wallet.account.address}, delay ${governanceDelay}s)`,
    );
    const d = await deployBackstop({
      walletClient: ctx.wallet as WalletClient,
      publicClient: ctx.publicClient,
      ...Object.fromEntries(Object.entries(roles).filter(([, v]) => v !== undefined)),
      governanceDelay,
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
        "roles:",
        `  governance      ${d.roles.governance} (admin and governance, delay ${formatSpan(d.roles.governanceDelay)})`,
        `  guardian        ${d.roles.guardian} (pause, no delay)`,
        `  voider          ${d.roles.voider} (voidClaim only, no delay)`,
        `  risk oracle     ${d.roles.riskOracle} (base rates, no delay)`,
      ].join("\n"),
    );
    return 0;
  },
};

export default deploy;
