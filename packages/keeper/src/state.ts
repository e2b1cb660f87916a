import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { Address, Hex } from "viem";
import { StateFileError } from "./errors.ts";

/** What a transaction the keeper sent was for. */
export type ActionKind = "poke" | "settle" | "claim" | "finalize" | "rate" | "roll";

/** A transaction broadcast but not yet known to be mined. */
export type PendingTx = {
  /** The idempotency key: one live transaction per key (e.g. `settle:3`). */
  key: string;
  kind: ActionKind;
  hash: Hex;
  sentAt: string;
  /** Trigger observations to remember once the poke is mined. */
  memory?: { trigger: Address; observed: string };
};

/** A transaction whose outcome is known. */
export type DoneAction = {
  key: string;
  kind: ActionKind;
  hash: Hex | null;
  /** success / reverted on chain, or already-done when the chain showed the work was done by someone else. */
  outcome: "success" | "reverted" | "already-done";
  block: number | null;
  at: string;
};

/** The keeper's persisted cursor. */
export type KeeperState = {
  version: 1;
  chainId: number;
  /** The last block a tick completed on, and its hash (detects a chain restart or a deep reorg). */
  lastBlock: number | null;
  lastBlockHash: Hex | null;
  /** Assessed claims below this id are closed (not FAST_TRACK or VOTING): never scanned again. */
  claimFloor: number;
  pending: PendingTx[];
  /** The most recent outcomes, newest last (capped). */
  done: DoneAction[];
  /** Per trigger, the observations its last poke saw (feed rounds, drain value). */
  triggers: Record<string, string>;
  /** Per settled market, the last policy id the keeper has paid through (absent in older state files). */
  paidThrough?: Record<string, number>;
};

/** Outcomes kept in the state file. */
export const DONE_CAP = 1_000;

/** A fresh state for `chainId`. */
export function emptyState(chainId: number): KeeperState {
  return {
    version: 1,
    chainId,
    lastBlock: null,
    lastBlockHash: null,
    claimFloor: 1,
    pending: [],
    done: [],
    triggers: {},
  };
}

/** Reads the state file; a missing file is a fresh state, an unreadable one a StateFileError. */
export function loadState(file: string, chainId: number): KeeperState {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as { code?: string }).code === "ENOENT") return emptyState(chainId);
    throw new StateFileError(`cannot read the state file ${file}`, { cause: err });
  }
  let parsed: KeeperState;
  try {
    parsed = JSON.parse(text) as KeeperState;
  } catch (err) {
    throw new StateFileError(`the state file ${file} is not valid JSON`, {
      details: "restore it from a backup or delete it to start from chain state",
      cause: err,
    });
  }
  if (parsed.version !== 1)
    throw new StateFileError(`unsupported state file version ${String(parsed.version)}`);
  if (parsed.chainId !== chainId) {
    throw new StateFileError(`the state file ${file} belongs to chain ${parsed.chainId}, not ${chainId}`, {
      details: "use one state file per chain",
    });
  }
  return parsed;
}

/** Writes the state atomically: a temporary file is written and fsynced, then renamed over the old one. */
export function saveState(file: string, state: KeeperState): void {
  const tmp = `${file}.${process.pid}.tmp`;
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, `${JSON.stringify(state, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** Records an outcome, dropping the oldest beyond DONE_CAP. */
export function recordDone(state: KeeperState, action: DoneAction): void {
  state.done.push(action);
  if (state.done.length > DONE_CAP) state.done.splice(0, state.done.length - DONE_CAP);
}

/** Forgets everything derived from a chain that no longer exists (restarted or reorganised past the cursor). */
export function resetForNewChain(state: KeeperState): void {
  state.lastBlock = null;
  state.lastBlockHash = null;
  state.claimFloor = 1;
  state.pending = [];
  state.triggers = {};
  state.paidThrough = {};
}
