import type { Deployment } from "@backstop/abi";
import type { Account, Address, Chain, Client, Hex, PublicActions, Transport, WalletActions } from "viem";
import type { Logger } from "./log.ts";
import type { RetryOptions } from "./retry.ts";
import type { KeeperState } from "./state.ts";

/** The client the keeper reads and sends with. */
export type KeeperClient = Client<Transport, Chain | undefined, Account> &
  PublicActions<Transport, Chain | undefined, Account> &
  WalletActions<Chain | undefined, Account>;

/** Options of the optional base-rate updates. */
export type RatesOptions = {
  enabled: boolean;
  /**
   * The annual rate (bps) the risk model asks each market to earn at the kink, e.g. a @backstop/risk
   * `priceMarket(...).rateBps`; keyed by market id, or a function of it. Markets without a target are left alone.
   */
  targetRateBps?: Record<string, number> | ((marketId: bigint) => number | undefined);
  /** Skip moves smaller than this (default 1 bps) unless they reach the target. */
  minStepBps?: number;
};

/** The block a tick started from: every action of the tick is derived from this chain. */
export type TickHead = { number: bigint; hash: Hex };

/** Everything one tick needs. */
export type KeeperContext = {
  client: KeeperClient;
  /** Set by each tick before it reads anything (see `assertSameChain`). */
  head?: TickHead | undefined;
  deployment: Deployment;
  state: KeeperState;
  /** Persists `state` (atomically). */
  save: () => void;
  log: Logger;
  retry: RetryOptions;
  rates: RatesOptions | undefined;
  /** The indexer's HTTP API (apps/indexer); when set, pending policies and claims are read from it. */
  apiUrl?: string | undefined;
  /** Insured vaults whose cover this keeper rolls (it must be one of each vault's keepers). */
  insuredVaults?: readonly Address[] | undefined;
  /** Counts errors for /health. */
  onError: (err: unknown) => void;
};
