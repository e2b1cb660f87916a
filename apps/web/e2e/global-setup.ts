// One devnet for the whole suite; its URLs reach the tests through the environment.
import { startSuiteDevnet } from "./devnet.ts";

export default async function globalSetup() {
  const devnet = await startSuiteDevnet();
  process.env.BACKSTOP_WEB_URL = devnet.urls.web;
  process.env.BACKSTOP_API_URL = devnet.urls.api;
  process.env.BACKSTOP_RPC_URL = devnet.urls.rpc;
  process.env.BACKSTOP_REGISTRY = devnet.registryFile;
  return () => devnet.stop();
}
