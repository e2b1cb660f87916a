import type { Account, Chain, Client, Transport } from "viem";

/** A client that can read (any viem client: public, wallet, test). */
// biome-ignore lint/suspicious/noExplicitAny: accepts clients whatever their RPC schema and extensions
export type ReadClient = Client<Transport, Chain | undefined, Account | undefined, any, any>;
/** A client with an account that signs and sends transactions. */
// biome-ignore lint/suspicious/noExplicitAny: as above
export type WriteClient = Client<Transport, Chain | undefined, Account, any, any>;
