export { backstopErrorsAbi } from "./abi.ts";
export {
  AlreadySettledError,
  ClaimRejectedError,
  ClaimStatusError,
  ContractRevertError,
  contractError,
  describe,
  type FormatOptions,
  InsufficientCapacityError,
  InsufficientGasError,
  MarketClosedError,
  MarketPoolsError,
  NotSettledError,
  PoolConfigError,
  PremiumTooHighError,
  TimelockPendingError,
  UnauthorizedError,
  UnknownRevertError,
  WithdrawalError,
} from "./contract.ts";
export { decodeRevert, revertData, toBackstopError } from "./decode.ts";
export { formatAmount, formatBps } from "./format.ts";
