import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { accessManagerAbi, assessedClaimsAbi, marketsAbi } from "@backstop/abi";
import {
  buyCover,
  challenge,
  DEFAULT_GOVERNANCE_DELAY,
  type DeployBackstopReturnType,
  deployBackstop,
  deposit,
  finalizeClaim,
  GovernanceDelayError,
  getClaim,
  ROLES,
  submitClaim,
  vote,
} from "@backstop/sdk";
import {
  type Address,
  encodeFunctionData,
  getAddress,
  type Hex,
  isAddressEqual,
  stringToHex,
  toFunctionSelector,
  type WalletClient,
} from "viem";
import { waitForTransactionReceipt, writeContract } from "viem/actions";
import { type Chain, connectChain } from "../lib/chain.ts";
import { createMarket, createPool, curves, DAY, fund, usd } from "../lib/protocol.ts";
import type { Signer } from "../lib/smallWorld.ts";

const DELAY = DEFAULT_GOVERNANCE_DELAY;
const COOLDOWN = 86_400;

/** Every (role, account) ever granted on the AccessManager, read back from its events and current state. */
async function members(chain: Chain, d: DeployBackstopReturnType) {
  const grants = await chain.publicClient.getContractEvents({
    address: d.accessManager,
    abi: accessManagerAbi,
    eventName: "RoleGranted",
    fromBlock: 0n,
  });
  const out: { role: bigint; account: Address; delay: number; pendingEffect: number }[] = [];
  const seen = new Set<string>();
  for (const g of grants) {
    const { roleId, account } = g.args as { roleId: bigint; account: Address };
    const key = `${roleId}:${account.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const [isMember, delay] = await read(chain, d.accessManager, "hasRole", [roleId, account]);
    if (!isMember) continue;
    const [, , , effect] = await read(chain, d.accessManager, "getAccess", [roleId, account]);
    out.push({ role: roleId, account: getAddress(account), delay, pendingEffect: Number(effect) });
  }
  return out;
}

/** Every restricted function mapped to a role, read back from the AccessManager's events. */
async function mappedFunctions(chain: Chain, d: DeployBackstopReturnType) {
  const logs = await chain.publicClient.getContractEvents({
    address: d.accessManager,
    abi: accessManagerAbi,
    eventName: "TargetFunctionRoleUpdated",
    fromBlock: 0n,
  });
  const out: { target: Address; selector: Hex; role: bigint }[] = [];
  for (const l of logs) {
    const { target, selector } = l.args as { target: Address; selector: Hex };
    const role = await read(chain, d.accessManager, "getTargetFunctionRole", [target, selector]);
    out.push({ target: getAddress(target), selector, role });
  }
  return out;
}

// biome-ignore lint/suspicious/noExplicitAny: the read helper below returns whatever the AccessManager function returns
type AnyResult = any;

async function read(
  chain: Chain,
  address: Address,
  functionName: string,
  args: readonly unknown[],
): Promise<AnyResult> {
  // biome-ignore lint/suspicious/noExplicitAny: as above
  return chain.publicClient.readContract({ address, abi: accessManagerAbi, functionName, args } as any);
}

async function send(chain: Chain, from: Signer, call: Parameters<typeof writeContract>[1]) {
  const hash = await writeContract(from as WalletClient, {
    ...call,
    account: from.account,
    chain: from.chain,
  });
  return waitForTransactionReceipt(chain.publicClient, { hash });
}

const selectorOf = (abi: typeof marketsAbi | typeof assessedClaimsAbi, name: string): Hex => {
  const f = abi.find((x) => x.type === "function" && x.name === name);
  assert.ok(f, `${name} is in the ABI`);
  return toFunctionSelector(f as Parameters<typeof toFunctionSelector>[0]);
};

describe("governance as deployed: timelocked admin and governance, an immediate voider that can only void", () => {
  it("test_deployBackstop_rolesReadBack leaves no zero-delay admin and lets the voider act within the cooldown", async () => {
    const chain = await connectChain();
    const [deployer, governance, guardian, voider, curator, lp, buyer, other, assessor] =
      chain.wallets as Signer[] as [Signer, Signer, Signer, Signer, Signer, Signer, Signer, Signer, Signer];
    const gov = getAddress(governance.account.address);
    const guardianAddress = getAddress(guardian.account.address);
    const voiderAddress = getAddress(voider.account.address);
    let marketId = 0n;
    const d = await deployBackstop({
      walletClient: deployer as WalletClient,
      publicClient: chain.publicClient,
      governance: gov,
      guardian: guardian.account.address,
      voider: voider.account.address,
      stable: true,
      groups: ["stablecoins", "ethereum-l1"],
      // An assessed market with one assessor, set up while the deployer still governs at once.
      configure: async (dep) => {
        const m = await createMarket(chain, dep as DeployBackstopReturnType, {
          name: "aave-v3-exploit",
          groups: [1],
        });
        marketId = m.marketId;
        await send(chain, deployer, {
          address: dep.assessedClaims,
          abi: assessedClaimsAbi,
          functionName: "createAssessorGroup",
          args: [
            [assessor.account.address],
            { votingPeriod: 3 * 86_400, lateVoteWindow: 3_600, cooldown: COOLDOWN, quorum: 1, members: 0 },
          ],
        });
        await send(chain, deployer, {
          address: dep.assessedClaims,
          abi: assessedClaimsAbi,
          functionName: "setMarketAssessors",
          args: [marketId, 1n],
        });
      },
    });
    assert.deepEqual(d.roles, {
      governance: gov,
      governanceDelay: DELAY,
      guardian: guardianAddress,
      riskOracle: gov,
      voider: voiderAddress,
    });

    // 1. Roles read back from the chain: admin and governance are the governance account's, with the delay;
    // the deployer holds nothing; no admin acts at once, and no lower delay is pending.
    const held = await members(chain, d);
    const admins = held.filter((m) => m.role === ROLES.ADMIN);
    assert.deepEqual(
      admins.map((m) => [m.account, m.delay]),
      [[gov, DELAY]],
      "one admin, with the delay",
    );
    for (const m of held) {
      assert.ok(!isAddressEqual(m.account, deployer.account.address), `the deployer kept role ${m.role}`);
      assert.equal(m.pendingEffect, 0, `no delay change pending for role ${m.role}`);
      if (m.role === ROLES.ADMIN || m.role === ROLES.GOVERNANCE) assert.equal(m.delay, DELAY);
      else assert.equal(m.delay, 0, `role ${m.role} acts without delay`);
    }
    assert.deepEqual(
      held.map((m) => [m.role, m.account]).sort((a, b) => Number(a[0]) - Number(b[0])),
      [
        [ROLES.ADMIN, gov],
        [ROLES.GOVERNANCE, gov],
        [ROLES.GUARDIAN, guardianAddress],
        [ROLES.GUARDIAN, gov],
        [ROLES.RISK_ORACLE, gov],
        [ROLES.VOIDER, voiderAddress],
      ],
    );

    // 2. Every governance function carries the delay; voidClaim is the voider's alone.
    const mapped = await mappedFunctions(chain, d);
    const voidSelector = selectorOf(assessedClaimsAbi, "voidClaim");
    assert.deepEqual(
      mapped.filter((f) => f.role === ROLES.VOIDER).map((f) => [f.target, f.selector]),
      [[getAddress(d.assessedClaims), voidSelector]],
    );
    const governed = mapped.filter((f) => f.role === ROLES.GOVERNANCE);
    assert.ok(governed.length >= 10);
    for (const f of governed) {
      assert.deepEqual(await read(chain, d.accessManager, "canCall", [gov, f.target, f.selector]), [
        false,
        DELAY,
      ]);
    }
    // ... and is refused when called directly, before its schedule is ready, then executes.
    const createGroup = encodeFunctionData({
      abi: marketsAbi,
      functionName: "createGroup",
      args: [stringToHex("bridges", { size: 32 })],
    });
    await assert.rejects(
      send(chain, governance, {
        address: d.markets,
        abi: marketsAbi,
        functionName: "createGroup",
        args: [stringToHex("bridges", { size: 32 })],
      }),
      /AccessManagerNotScheduled/,
    );
    await send(chain, governance, {
      address: d.accessManager,
      abi: accessManagerAbi,
      functionName: "schedule",
      args: [d.markets, createGroup, 0],
    });
    const execute = () =>
      send(chain, governance, {
        address: d.accessManager,
        abi: accessManagerAbi,
        functionName: "execute",
        args: [d.markets, createGroup],
      });
    await assert.rejects(execute(), /AccessManagerNotReady/);
    await chain.increaseTime(DELAY);
    await execute();
    // Admin calls (granting a role) wait for the delay too.
    await assert.rejects(
      send(chain, governance, {
        address: d.accessManager,
        abi: accessManagerAbi,
        functionName: "grantRole",
        args: [ROLES.GOVERNANCE, other.account.address, 0],
      }),
      /AccessManagerNotScheduled/,
    );

    // 3. The voider can do nothing but void: every other mapped function, and admin calls, are refused.
    const v = voider.account.address;
    for (const f of mapped) {
      const expected = f.role === ROLES.VOIDER ? [true, 0] : [false, 0];
      assert.deepEqual(await read(chain, d.accessManager, "canCall", [v, f.target, f.selector]), expected);
    }
    await assert.rejects(
      send(chain, voider, { address: d.markets, abi: marketsAbi, functionName: "pause", args: [] }),
      /AccessManagedUnauthorized/,
    );
    await assert.rejects(
      send(chain, voider, {
        address: d.accessManager,
        abi: accessManagerAbi,
        functionName: "grantRole",
        args: [ROLES.VOIDER, other.account.address, 0],
      }),
      /AccessManagerUnauthorizedAccount/,
    );
    // The guardian only pauses.
    const g = guardian.account.address;
    for (const f of mapped) {
      const expected = f.role === ROLES.GUARDIAN ? [true, 0] : [false, 0];
      assert.deepEqual(await read(chain, d.accessManager, "canCall", [g, f.target, f.selector]), expected);
    }
    assert.deepEqual(
      mapped
        .filter((f) => f.role === ROLES.GUARDIAN)
        .map((f) => f.selector)
        .sort(),
      [selectorOf(marketsAbi, "pause"), selectorOf(marketsAbi, "pauseMarket")].sort(),
    );

    // 4. A claim approved by vote is voided by the voider within its cooldown, at once.
    const pool = await createPool(chain, d, curator as WalletClient, {
      name: "Pool",
      symbol: "bp",
      groupCaps: [{ groupId: 1, capBps: 10_000 }],
      markets: [{ marketId, weightBps: 10_000, curve: curves.standard }],
    });
    await fund(chain, { stable: d.stable as Address }, [lp, buyer, other], usd(1_000_000));
    await deposit(lp, { pool: pool.address, assets: usd(500_000) });
    const policy = await buyCover(buyer, {
      coverManager: d.coverManager,
      marketId,
      amount: usd(20_000),
      period: 90n * DAY,
      pools: [pool.poolId],
      maxPremium: usd(5_000),
    });
    const base = { assessedClaims: d.assessedClaims };
    const { claimId } = await submitClaim(buyer, {
      ...base,
      coverManager: d.coverManager,
      policyId: policy.policyId,
      amount: usd(5_000),
      evidenceURI: "ipfs://evidence/forged",
    });
    await challenge(other, { ...base, markets: d.markets, claimId });
    await vote(assessor, { ...base, claimId, approve: true });
    await chain.increaseTime(3n * DAY + 1n);
    assert.equal((await finalizeClaim(other, { ...base, claimId })).status, "APPROVED");
    // Governance cannot void (not the voider's role; its own calls wait 2 days, longer than the cooldown).
    assert.deepEqual(await read(chain, d.accessManager, "canCall", [gov, d.assessedClaims, voidSelector]), [
      false,
      0,
    ]);
    await send(chain, voider, {
      address: d.assessedClaims,
      abi: assessedClaimsAbi,
      functionName: "voidClaim",
      args: [claimId],
    });
    assert.equal((await getClaim(buyer, { ...base, claimId })).status, "VOIDED");
  });

  it("test_deployBackstop_deployerIsGovernance raises its own admin and governance delays at once", async () => {
    const chain = await connectChain();
    const [deployer] = chain.wallets as [Signer];
    const me = deployer.account.address;
    const d = await deployBackstop({
      walletClient: deployer as WalletClient,
      publicClient: chain.publicClient,
    });
    const held = await members(chain, d);
    for (const role of [ROLES.ADMIN, ROLES.GOVERNANCE]) {
      const m = held.find((x) => x.role === role && isAddressEqual(x.account, me));
      assert.equal(m?.delay, DELAY, `role ${role} of the deployer carries the delay now`);
      assert.equal(m?.pendingEffect, 0);
    }
    assert.ok(held.filter((m) => m.role === ROLES.ADMIN).every((m) => m.delay === DELAY));
    await assert.rejects(
      send(chain, deployer, {
        address: d.markets,
        abi: marketsAbi,
        functionName: "setCoverAsset",
        args: [me, true],
      }),
      /AccessManagerNotScheduled/,
    );
    await assert.rejects(
      send(chain, deployer, {
        address: d.accessManager,
        abi: accessManagerAbi,
        functionName: "grantRole",
        args: [ROLES.GOVERNANCE, me, 0],
      }),
      /AccessManagerNotScheduled/,
    );
  });

  it("test_deployBackstop_shortDelay is refused off the development chain", async () => {
    const chain = await connectChain();
    const [deployer] = chain.wallets as [Signer];
    // The in-process chain is 31337: a 5-minute delay is accepted there, a fractional one nowhere.
    await assert.rejects(
      deployBackstop({
        walletClient: deployer as WalletClient,
        publicClient: chain.publicClient,
        governanceDelay: 1.5,
      }),
      GovernanceDelayError,
    );
    const { checkGovernanceDelay } = await import("@backstop/sdk");
    assert.throws(() => checkGovernanceDelay(3_600, 1), GovernanceDelayError);
    assert.equal(checkGovernanceDelay(3_600, 31_337), 3_600);
    assert.equal(checkGovernanceDelay(DELAY, 1), DELAY);
  });
});
