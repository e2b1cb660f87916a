import { DEV_USAGE, DevUsageError, runDev } from "@backstop/devnet";
import { type Command, UsageError } from "../command.ts";

/** `backstop dev`: the devnet lives in @backstop/devnet; this is its CLI entry. */
const dev: Command = {
  summary: "local devnet: chain, deployment, realistic seed and keeper",
  usage: DEV_USAGE,
  async run(argv) {
    try {
      return await runDev(argv);
    } catch (err) {
      if (err instanceof DevUsageError) throw new UsageError(err.message);
      throw err;
    }
  },
};

export default dev;
