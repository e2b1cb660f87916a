import { createRequire } from "node:module";
import hardhatNetworkHelpers from "@nomicfoundation/hardhat-network-helpers";
import hardhatNodeTestRunner from "@nomicfoundation/hardhat-node-test-runner";
import hardhatViem from "@nomicfoundation/hardhat-viem";
import hardhatViemAssertions from "@nomicfoundation/hardhat-viem-assertions";
import { defineConfig } from "hardhat/config";

// solc comes from npm (wasm): this machine kind cannot download compilers.
const require = createRequire(import.meta.url);
const soljson = require.resolve("solc/soljson.js");

export default defineConfig({
  plugins: [hardhatViem, hardhatViemAssertions, hardhatNetworkHelpers, hardhatNodeTestRunner],
  solidity: {
    version: "0.8.30",
    path: soljson,
    // Deployed as-is by the SDK's deploy function, so its artifact and ABI are generated too.
    npmFilesToBuild: ["@openzeppelin/contracts/access/manager/AccessManager.sol"],
    settings: {
      optimizer: { enabled: true, runs: 200 },
      viaIR: false,
      evmVersion: "cancun",
    },
  },
  paths: {
    sources: "./src",
    tests: { solidity: "./test", nodejs: "./test/ts" },
  },
  test: {
    solidity: { fuzz: { runs: 256 }, invariant: { runs: 256, depth: 50, failOnRevert: false } },
  },
  networks: {
    hardhat: { type: "edr-simulated", chainType: "l1", allowUnlimitedContractSize: false },
  },
});
