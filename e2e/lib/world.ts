import type { DeployBackstopReturnType } from "@backstop/sdk";
import type { Address, WalletClient } from "viem";
import type { Chain } from "./chain.ts";
import { assignAssessors, createMarket, createPool, curves, deployProtocol, fund, usd } from "./protocol.ts";

/** A seeded protocol: 4 markets (2 assessed with an assessor group, 2 parametric), 3 pools, funded LPs and buyers. */
export type World = {
  d: DeployBackstopReturnType & { stable: Address };
  markets: { marketId: bigint; trigger: Address; name: string }[];
  pools: { poolId: number; address: Address; name: string }[];
  lps: WalletClient[];
  buyers: WalletClient[];
};

const GROUP = { stables: 0, eth: 1, lending: 2 } as const;

export async function seedWorld(chain: Chain): Promise<World> {
  const d = await deployProtocol(chain);
  const w = chain.wallets;
  const curator = w[1] as WalletClient;
  const lps = [w[2], w[3], w[4]] as WalletClient[];
  const buyers = [w[5], w[6], w[7]] as WalletClient[];
  const markets = [
    await createMarket(chain, d, { name: "aave-v3-exploit", groups: [GROUP.eth, GROUP.lending] }),
    await createMarket(chain, d, { name: "lido-slashing", groups: [GROUP.eth] }),
    await createMarket(chain, d, { name: "usdc-depeg", groups: [GROUP.stables], parametric: true }),
    await createMarket(chain, d, {
      name: "bridge-drain",
      groups: [GROUP.eth],
      parametric: true,
      baseRateBps: 400,
    }),
  ];
  const [aave, lido, usdc, bridge] = markets.map((m) => m.marketId) as [bigint, bigint, bigint, bigint];
  // Assessed markets sell no cover without assessors.
  const assessors = [w[8], w[9], w[10]].map((x) => (x as WalletClient).account?.address as Address);
  await assignAssessors(chain, d, [aave, lido], assessors, 2);
  const caps = [
    { groupId: GROUP.stables, capBps: 6_000 },
    { groupId: GROUP.eth, capBps: 8_000 },
    { groupId: GROUP.lending, capBps: 5_000 },
  ];
  const pools = [
    await createPool(chain, d, curator, {
      name: "Blue-chip USDC",
      symbol: "bpBLUE",
      groupCaps: caps,
      markets: [
        { marketId: aave, weightBps: 4_000, curve: curves.conservative },
        { marketId: lido, weightBps: 3_000, curve: curves.conservative },
        { marketId: usdc, weightBps: 3_000, curve: curves.standard },
      ],
    }),
    await createPool(chain, d, curator, {
      name: "Balanced USDC",
      symbol: "bpBAL",
      groupCaps: caps,
      markets: [
        { marketId: aave, weightBps: 5_000, curve: curves.standard },
        { marketId: usdc, weightBps: 4_000, curve: curves.standard, followOracle: true },
        { marketId: bridge, weightBps: 2_000, curve: curves.aggressive },
      ],
    }),
    await createPool(chain, d, curator, {
      name: "High-yield USDC",
      symbol: "bpHY",
      curatorFeeBps: 1_500,
      groupCaps: caps,
      markets: [
        { marketId: lido, weightBps: 5_000, curve: curves.aggressive },
        { marketId: bridge, weightBps: 3_000, curve: curves.aggressive },
      ],
    }),
  ];
  await fund(chain, d, [...lps, ...buyers], usd(5_000_000));
  return { d, markets, pools, lps, buyers };
}
