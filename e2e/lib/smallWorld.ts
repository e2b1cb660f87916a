import type { Account, Transport, Chain as ViemChain, WalletClient } from "viem";
import { type Chain, connectChain } from "./chain.ts";
import { assignAssessors, createMarket, createPool, curves, deployProtocol, fund, usd } from "./protocol.ts";

export type Signer = WalletClient<Transport, ViemChain | undefined, Account>;

/**
 * A fresh chain with the protocol, one assessed market (assessor group 1: `assessor` alone, quorum 1) and two
 * pools backing it (capacity 50% each).
 */
export async function smallWorld() {
  const chain: Chain = await connectChain();
  const d = await deployProtocol(chain);
  const [, curator, lp, buyer, other] = chain.wallets as [Signer, Signer, Signer, Signer, Signer];
  const assessor = chain.wallets[5] as Signer;
  const market = await createMarket(chain, d, { name: "aave-v3-exploit", groups: [1] });
  await assignAssessors(chain, d, [market.marketId], [assessor.account.address]);
  const caps = [{ groupId: 1, capBps: 10_000 }];
  const pools = [];
  for (const [i, curve] of [curves.standard, curves.conservative].entries()) {
    pools.push(
      await createPool(chain, d, curator, {
        name: `Pool ${i}`,
        symbol: `bp${i}`,
        groupCaps: caps,
        markets: [{ marketId: market.marketId, weightBps: 5_000, curve }],
      }),
    );
  }
  await fund(chain, d, [lp, buyer, other], usd(10_000_000));
  return {
    chain,
    d,
    market,
    pools: pools as [(typeof pools)[0], (typeof pools)[0]],
    lp,
    buyer,
    other,
    assessor,
  };
}
