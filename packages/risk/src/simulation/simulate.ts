import { ValidationError } from "../errors.ts";
import {
  aggregate,
  defaultTailMode,
  planChunks,
  type SimulationOptions,
  type SimulationResult,
} from "./aggregate.ts";
import { type ChunkResult, simulateChunk } from "./kernel.ts";
import type { SimulationModel } from "./model.ts";

export function validateSimulationOptions(options: SimulationOptions): void {
  if (!Number.isInteger(options.years) || options.years < 200) {
    throw new ValidationError("years", options.years, "expected an integer >= 200");
  }
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) {
    throw new ValidationError("seed", options.seed, "expected an integer in [0, 2^32)");
  }
}

/** Single-threaded Monte Carlo (pure). Same numbers as the worker-pool runner for the same seed. */
export function simulatePortfolioModel(model: SimulationModel, options: SimulationOptions): SimulationResult {
  validateSimulationOptions(options);
  const chunks = new Map<number, ChunkResult>();
  for (const plan of planChunks(options.years)) {
    const mode = defaultTailMode(options.years, plan.years);
    chunks.set(
      plan.chunkIndex,
      simulateChunk(model, options.seed, plan.chunkIndex, plan.firstYear, plan.years, mode),
    );
  }
  for (;;) {
    const outcome = aggregate(model, options, [...chunks.values()]);
    if ("result" in outcome) return outcome.result;
    for (const r of outcome.rerun) {
      chunks.set(
        r.chunkIndex,
        simulateChunk(model, options.seed, r.chunkIndex, r.firstYear, r.years, r.tailMode),
      );
    }
  }
}
