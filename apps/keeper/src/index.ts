export { classify, type ErrorClass } from "./classify.ts";
export type { RatesOptions } from "./context.ts";
export { ChainMismatchError, KeeperConfigError, StateFileError } from "./errors.ts";
export type { Health } from "./health.ts";
export { type Keeper, type KeeperOptions, startKeeper } from "./keeper.ts";
export { jsonLogger, type Logger } from "./log.ts";
export { baseRateFor, nextBaseRate, type RateBounds } from "./rates.ts";
export { backoffDelay, type RetryOptions, withRetry } from "./retry.ts";
export { type DoneAction, type KeeperState, loadState, type PendingTx, saveState } from "./state.ts";
