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
import {
  planTailChunks,
  resolveTailOptions,
  type TailAllocation,
  type TailAllocationOptions,
  type TailPass1,
  type TailPass2,
  tailAllocation,
  tailSampling,
  tailThreshold,
} from "./tail.ts";

export interface ParallelOptions extends SimulationOptions {
  threads: number;
  /** Called after each chunk with simulated and total years. */
  onProgress?: (doneYears: number, totalYears: number) => void;
}

type Task = { kind: "task"; chunkIndex: number; firstYear: number; years: number; tailMode: TailMode };

/**
 * Workers run worker.ts with Node's built-in type stripping (Node >= 22.18; the kernel's import chain
 * uses only erasable TypeScript syntax), not through a TypeScript loader: starting tsx in each worker
 * cost more than the work at a million market-years. An empty execArgv keeps the parent's loader
 * flags out of the worker.
 */
const WORKER_EXEC_ARGV: string[] = [];

/**
 * Workers are started once and kept for later runs of the process (a run sends them its model
 * first), so a simulation pays thread start-up only once. Idle workers are unref'd and never keep
 * the process alive; closeSimulationWorkers() ends them.
 */
const pool: Worker[] = [];

function workers(count: number): Worker[] {
  while (pool.length < count) {
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { execArgv: WORKER_EXEC_ARGV });
    worker.unref();
    pool.push(worker);
  }
  return pool.slice(0, count);
}

/** Terminates the pooled worker threads (tests, or a long-lived process that is done simulating). */
export async function closeSimulationWorkers(): Promise<void> {
  const all = pool.splice(0, pool.length);
  await Promise.all(all.map((w) => w.terminate()));
}

async function runTasks<T, R>(
  setup: Record<string, unknown>,
  tasks: T[],
  threads: number,
  onDone: (result: R) => void,
): Promise<void> {
  const queue = [...tasks];
  const active = workers(Math.max(1, Math.min(threads, queue.length)));
  const cleanups: (() => void)[] = [];
  try {
    await Promise.all(
      active.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const task = queue.shift();
              if (task) worker.postMessage(task);
              else resolve();
            };
            const onMessage = (result: R) => {
              onDone(result);
              next();
            };
            const onError = (error: unknown) => {
              pool.splice(pool.indexOf(worker), 1);
              reject(new SimulationError("simulation worker failed", { cause: error }));
            };
            const onExit = (code: number) => {
              if (pool.includes(worker)) pool.splice(pool.indexOf(worker), 1);
              reject(new SimulationError("simulation worker exited", { details: { code } }));
            };
            worker.on("message", onMessage);
            worker.on("error", onError);
            worker.on("exit", onExit);
            cleanups.push(() => {
              worker.off("message", onMessage);
              worker.off("error", onError);
              worker.off("exit", onExit);
            });
            worker.ref();
            worker.postMessage(setup);
            next();
          }),
      ),
    );
  } finally {
    for (const cleanup of cleanups) cleanup();
    for (const worker of active) worker.unref();
  }
}

export async function simulatePortfolioParallel(
  model: SimulationModel,
  options: ParallelOptions,
): Promise<SimulationResult> {
  validateSimulationOptions(options);
  const chunks = new Map<number, ChunkResult>();
  let done = 0;
  const setup = { kind: "model", model, seed: options.seed };
  const tasks: Task[] = planChunks(options.years).map((plan) => ({
    kind: "task",
    ...plan,
    tailMode: defaultTailMode(options.years, plan.years),
  }));
  await runTasks<Task, ChunkResult>(setup, tasks, options.threads, (result) => {
    chunks.set(result.chunkIndex, result);
    done += result.years;
    options.onProgress?.(done, options.years);
  });
  for (;;) {
    const outcome = aggregate(model, options, [...chunks.values()]);
    if ("result" in outcome) return outcome.result;
    const reruns: Task[] = outcome.rerun.map((r) => ({ kind: "task", ...r }));
    await runTasks<Task, ChunkResult>(setup, reruns, options.threads, (result) => {
      chunks.set(result.chunkIndex, result);
    });
  }
}

/**
 * allocateTailCapital on worker threads: both passes are split into chunks with their own streams,
 * so the numbers equal the single-threaded ones for any thread count.
 */
export async function allocateTailCapitalParallel(
  model: SimulationModel,
  options: TailAllocationOptions & { threads: number },
): Promise<TailAllocation> {
  const o = resolveTailOptions(options);
  const sampling = tailSampling(o);
  const plan = planTailChunks(o.years);
  const setup = { kind: "tail-model", model, seed: o.seed, sampling };
  const first: TailPass1[] = [];
  await runTasks<{ kind: string }, TailPass1>(
    setup,
    plan.map((c) => ({ kind: "tail-pass1", ...c })),
    options.threads,
    (r) => first.push(r),
  );
  first.sort((a, b) => a.chunkIndex - b.chunkIndex);
  const threshold = tailThreshold(first, o.confidence);
  const second: TailPass2[] = [];
  await runTasks<{ kind: string }, TailPass2>(
    setup,
    plan.map((c) => ({
      kind: "tail-pass2",
      ...c,
      threshold: threshold.valueAtRisk,
      boundaryFraction: threshold.boundaryFraction,
    })),
    options.threads,
    (r) => second.push(r),
  );
  second.sort((a, b) => a.chunkIndex - b.chunkIndex);
  return tailAllocation(model, o, threshold, second);
}
