export { BaseError, type BaseErrorParameters, formatError } from "@backstop/core";
export {
  type BackstopErrorArgs,
  type BackstopErrorName,
  type BackstopErrorsAbi,
  backstopErrorsAbi,
} from "./abi.ts";
export { MissingEventError, PermitFailedError, type PermitFailureReason } from "./action.ts";
export {
  AlreadySettledError,
  AssetNotAllowedError,
  ClaimRejectedError,
  ClaimStatusError,
  ContractRevertError,
  type ContractRevertErrorOptions,
  contractError,
  describe,
  type FormatOptions,
  InsufficientCapacityError,
  InsufficientGasError,
  InvalidParameterError,
  MarketClosedError,
  MarketPoolsError,
  NotFoundError,
  NotSettledError,
  PermitRevertError,
  PoolConfigError,
  PremiumTooHighError,
  TimelockPendingError,
  TokenTransferError,
  UnauthorizedError,
  UnknownRevertError,
  WithdrawalError,
} from "./contract.ts";
export { decodeRevert, revertData, toBackstopError } from "./decode.ts";
export { formatAmount, formatBps } from "./format.ts";
