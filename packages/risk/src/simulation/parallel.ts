/**
 * Worker-pool runner of the Monte Carlo. This module and worker.ts are the only parts of the
 * package that do I/O (they start worker threads); everything else is pure. Chunks are handed out
 * from a queue, each with its own PRNG stream, so the result is the same for any thread count.
 */
import { Worker } from "node:worker_threads";
import { SimulationError } from "../errors.ts";
import {
  aggregate,
  defaultTailMode,
  planChunks,
  type SimulationOptions,
  type SimulationResult,
} from "./aggregate.ts";
import type { ChunkResult, TailMode } from "./kernel.ts";
import type { SimulationModel } from "./model.ts";
import { validateSimulationOptions } from "./simulate.ts";

export interface ParallelOptions extends SimulationOptions {
  threads: number;
  /** Called after each chunk with simulated and total years. */
  onProgress?: (doneYears: number, totalYears: number) => void;
}

type Task = { chunkIndex: number; firstYear: number; years: number; tailMode: TailMode };

/** Workers load TypeScript through tsx, resolved from this package so any working directory works. */
function workerExecArgv(): string[] {
  return ["--import", import.meta.resolve("tsx")];
}

async function runTasks(
  model: SimulationModel,
  seed: number,
  tasks: Task[],
  threads: number,
  onDone: (result: ChunkResult) => void,
): Promise<void> {
  const queue = [...tasks];
  const workerCount = Math.max(1, Math.min(threads, queue.length));
  const workers = Array.from(
    { length: workerCount },
    () =>
      new Worker(new URL("./worker.ts", import.meta.url), {
        workerData: { model, seed },
        execArgv: workerExecArgv(),
      }),
  );
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const task = queue.shift();
              if (task) worker.postMessage(task);
              else resolve();
            };
            worker.on("message", (result: ChunkResult) => {
              onDone(result);
              next();
            });
            worker.on("error", (error) =>
              reject(new SimulationError("simulation worker failed", { cause: error })),
            );
            worker.on("exit", (code) => {
              if (code !== 0) reject(new SimulationError("simulation worker exited", { details: { code } }));
            });
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export async function simulatePortfolioParallel(
  model: SimulationModel,
  options: ParallelOptions,
): Promise<SimulationResult> {
  validateSimulationOptions(options);
  const chunks = new Map<number, ChunkResult>();
  let done = 0;
  const tasks = planChunks(options.years).map((plan) => ({
    ...plan,
    tailMode: defaultTailMode(options.years, plan.years),
  }));
  await runTasks(model, options.seed, tasks, options.threads, (result) => {
    chunks.set(result.chunkIndex, result);
    done += result.years;
    options.onProgress?.(done, options.years);
  });
  for (;;) {
    const outcome = aggregate(model, options, [...chunks.values()]);
    if ("result" in outcome) return outcome.result;
    await runTasks(model, options.seed, outcome.rerun, options.threads, (result) => {
      chunks.set(result.chunkIndex, result);
    });
  }
}
