import { BaseError } from "@backstop/core";

/** The devnet failed to start, or a devnet-only action met another chain. */
export class DevnetError extends BaseError {
  override name = "DevnetError";
}

/** Something already listens on the devnet's port: nothing was started or deployed. */
export class PortInUseError extends DevnetError {
  override name = "PortInUseError";
  constructor(
    readonly port: number,
    flag = "--port",
  ) {
    super(`port ${port} is in use: pass ${flag}`);
  }
}
