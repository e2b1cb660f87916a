import type { Address } from "viem";

/** The addresses of one Backstop deployment. */
export type Deployment = {
  chainId: number;
  accessManager: Address;
  markets: Address;
  coverManager: Address;
  poolFactory: Address;
  settlement: Address;
  assessedClaims: Address;
  /** Read-only views over pools and the on-chain quote. */
  poolLens: Address;
  /** The mock stablecoin of a development deployment, if one was deployed. */
  stable?: Address | undefined;
  /** The block of the first deployment transaction, where indexers start. */
  startBlock?: number | undefined;
};
