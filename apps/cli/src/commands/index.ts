import type { Command } from "../command.ts";

/** One line per top-level command; each module default-exports a Command. */
export const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  dev: () => import("./dev.ts"),
  deploy: () => import("./deploy.ts"),
  keys: () => import("./keys.ts"),
  markets: () => import("./markets.ts"),
  market: () => import("./market.ts"),
  trigger: () => import("./trigger.ts"),
  assessors: () => import("./assessors.ts"),
  pools: () => import("./pools.ts"),
  pool: () => import("./pool.ts"),
  quote: () => import("./quote.ts"),
  buy: () => import("./buy.ts"),
  policies: () => import("./policies.ts"),
  claim: () => import("./claim.ts"),
  claims: () => import("./claims.ts"),
  challenge: () => import("./challenge.ts"),
  vote: () => import("./vote.ts"),
  deposit: () => import("./deposit.ts"),
  withdraw: () => import("./withdraw.ts"),
  position: () => import("./position.ts"),
  status: () => import("./status.ts"),
  feed: () => import("./feed.ts"),
  time: () => import("./time.ts"),
  replay: () => import("./replay.ts"),
  risk: () => import("./risk.ts"),
};
