export { backstopErrorsAbi } from "./abi.ts";
export {
  ContractRevertError,
  contractError,
  describe,
  type FormatOptions,
  InsufficientCapacityError,
  MarketClosedError,
  PremiumTooHighError,
  UnauthorizedError,
  UnknownRevertError,
  WithdrawalError,
} from "./contract.ts";
export { decodeRevert, revertData, toBackstopError } from "./decode.ts";
export { formatAmount, formatBps } from "./format.ts";
