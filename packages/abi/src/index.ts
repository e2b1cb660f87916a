export * from "./deployments.ts";
export * from "./generated/index.ts";
