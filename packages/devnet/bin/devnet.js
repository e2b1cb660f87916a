#!/usr/bin/env node
// `npm start` / `backstop-devnet`: the devnet in this very process (tsx registered in-process, no wrapper
// child), so a signal or kill reaches the process that owns the chain and the keeper.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
