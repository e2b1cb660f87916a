export type { Deployment } from "./deployment.ts";
export * from "./generated/index.ts";
export { erc2612Abi, erc2612ErrorsAbi } from "./standards.ts";
