import { createRequire } from "node:module";
import hardhatNetworkHelpers from "@nomicfoundation/hardhat-network-helpers";
import hardhatNodeTestRunner from "@nomicfoundation/hardhat-node-test-runner";
import hardhatViem from "@nomicfoundation/hardhat-viem";
import hardhatViemAssertions from "@nomicfoundation/hardhat-viem-assertions";
import { defineConfig } from "hardhat/config";

// solc comes from npm (wasm): this machine kind cannot download compilers.
const require = createRequire(import.meta.url);
const soljson = require.resolve("solc/soljson.js");

// Optimizer runs: 1,000 (calls are frequent, deployments rare).
function compiler(viaIR: boolean) {
  return {
    version: "0.8.30",
    path: soljson,
    settings: { optimizer: { enabled: true, runs: 1_000 }, viaIR, evmVersion: "cancun" },
  };
}

export default defineConfig({
  plugins: [hardhatViem, hardhatViemAssertions, hardhatNetworkHelpers, hardhatNodeTestRunner],
  solidity: {
    compilers: [compiler(false)],
    // Pool is the largest contract: the IR pipeline keeps it under 90% of EIP-170 at 1,000 runs. PoolFactory
    // writes Pool's creation code at deployment, so it compiles Pool the same way.
    overrides: { "src/Pool.sol": compiler(true), "src/PoolFactory.sol": compiler(true) },
    // Deployed as-is by the SDK's deploy function, so its artifact and ABI are generated too.
    npmFilesToBuild: ["@openzeppelin/contracts/access/manager/AccessManager.sol"],
  },
  paths: {
    sources: "./src",
    tests: { solidity: "./test", nodejs: "./test/ts" },
  },
  test: {
    // CI runs 256 fuzz runs and invariant depth 50; `npm run test:deep` raises them (FUZZ_RUNS, INVARIANT_DEPTH).
    solidity: {
      fuzz: { runs: Number(process.env.FUZZ_RUNS ?? 256) },
      invariant: {
        runs: Number(process.env.INVARIANT_RUNS ?? 256),
        depth: Number(process.env.INVARIANT_DEPTH ?? 50),
        failOnRevert: false,
      },
    },
  },
  networks: {
    hardhat: { type: "edr-simulated", chainType: "l1", allowUnlimitedContractSize: false },
  },
});
