import type { Command } from "../command.ts";

/** One line per top-level command; each module default-exports a Command. */
export const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  dev: () => import("./dev.ts"),
  deploy: () => import("./deploy.ts"),
  markets: () => import("./markets.ts"),
  pools: () => import("./pools.ts"),
  quote: () => import("./quote.ts"),
  buy: () => import("./buy.ts"),
  deposit: () => import("./deposit.ts"),
  withdraw: () => import("./withdraw.ts"),
  policies: () => import("./policies.ts"),
  claim: () => import("./claim.ts"),
  vote: () => import("./vote.ts"),
  status: () => import("./status.ts"),
  feed: () => import("./feed.ts"),
  time: () => import("./time.ts"),
  replay: () => import("./replay.ts"),
  risk: () => import("./risk.ts"),
};
