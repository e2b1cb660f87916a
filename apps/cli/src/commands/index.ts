import type { Command } from "../command.ts";

/** One line per top-level command; each module default-exports a Command. */
export const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  dev: () => import("./dev.ts"),
  risk: () => import("./risk.ts"),
};
