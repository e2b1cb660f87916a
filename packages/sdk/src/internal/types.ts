import type { Account, Chain, Client, Transport } from "viem";

/** A client that can read (any viem client). */
export type ReadClient = Client<Transport, Chain | undefined>;
/** A client with an account that signs and sends transactions. */
export type WriteClient = Client<Transport, Chain | undefined, Account>;
