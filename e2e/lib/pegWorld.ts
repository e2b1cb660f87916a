import { mockAggregatorAbi, mockAggregatorBytecode, pegTriggerAbi, pegTriggerBytecode } from "@backstop/abi";
import { buyCover, deposit } from "@backstop/sdk";
import { type Address, type Hash, zeroAddress } from "viem";
import { deployContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import { type Chain, connectChain } from "./chain.ts";
import { createMarket, createPool, curves, DAY, deployProtocol, fund, SetupError, usd } from "./protocol.ts";
import type { Signer } from "./smallWorld.ts";

/** Peg of the feeds (8 decimals, like Chainlink USD feeds). */
export const PEG = 100_000_000n;
/** Seconds a de-peg must last before the peg trigger fires. */
export const PEG_WINDOW = 3_600;

async function mined(chain: Chain, hash: Hash) {
  const receipt = await waitForTransactionReceipt(chain.publicClient, { hash });
  if (receipt.status !== "success") throw new SetupError(`transaction ${hash} reverted`);
  return receipt;
}

/**
 * A fresh chain with the protocol, three mock price feeds at the peg, a PegTrigger over them (fires after a
 * de-peg below 0.97 lasting PEG_WINDOW seconds, two fresh feeds needed), a PARAMETRIC market on it backed by
 * one pool, and one policy bought by `buyer`. `options.riskOracle` receives the risk-oracle role.
 */
export async function pegWorld(options: { riskOracle?: Address } = {}) {
  const chain = await connectChain();
  const d = await deployProtocol(chain, options);
  const [gov, curator, lp, buyer] = chain.wallets as [Signer, Signer, Signer, Signer];
  const w = { account: gov.account, chain: gov.chain } as const;
  const feeds: Address[] = [];
  for (let i = 0; i < 3; i++) {
    const hash = await deployContract(gov, {
      ...w,
      abi: mockAggregatorAbi,
      bytecode: mockAggregatorBytecode,
      args: [8],
    });
    feeds.push((await mined(chain, hash)).contractAddress as Address);
  }
  /** Publishes a new round at `price` on every feed. */
  const setPrice = async (price: bigint) => {
    for (const feed of feeds) {
      await mined(
        chain,
        await writeContract(gov, {
          ...w,
          address: feed,
          abi: mockAggregatorAbi,
          functionName: "setAnswer",
          args: [price],
        }),
      );
    }
  };
  await setPrice(PEG);
  const triggerHash = await deployContract(gov, {
    ...w,
    abi: pegTriggerAbi,
    bytecode: pegTriggerBytecode,
    args: [feeds, PEG, 97_000_000n, 99_000_000n, BigInt(PEG_WINDOW), DAY, 2n, zeroAddress, 0n],
  });
  const trigger = (await mined(chain, triggerHash)).contractAddress as Address;
  const market = await createMarket(chain, d, { name: "usdc-depeg", groups: [0], trigger });
  const pool = await createPool(chain, d, curator, {
    name: "Stable pool",
    symbol: "bpS",
    groupCaps: [{ groupId: 0, capBps: 10_000 }],
    markets: [{ marketId: market.marketId, weightBps: 10_000, curve: curves.standard }],
  });
  await fund(chain, d, [lp, buyer], usd(10_000_000));
  await deposit(lp, { pool: pool.address, assets: usd(1_000_000) });
  const policy = await buyCover(buyer, {
    coverManager: d.coverManager,
    marketId: market.marketId,
    amount: usd(100_000),
    period: 90n * DAY,
    pools: [pool.poolId],
    maxPremium: usd(10_000),
  });
  return { chain, d, market, pool, feeds, trigger, setPrice, policy, gov, curator, lp, buyer };
}
