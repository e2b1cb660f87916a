/**
 * Worker-pool runner of the Monte Carlo (the main thread takes part). This module and worker.ts are the only parts of the
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
import type { ChunkResult } from "./kernel.ts";
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
import {
  applySetup,
  runTask,
  type SetupMessage,
  type TaskMessage,
  type TaskResult,
  type ThreadState,
} from "./tasks.ts";

export interface ParallelOptions extends SimulationOptions {
  threads: number;
  /** Called after each chunk with simulated and total years. */
  onProgress?: (doneYears: number, totalYears: number) => void;
}

type Task = Extract<TaskMessage, { kind: "task" }>;

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

/** Tasks each worker holds at once, so it never waits for the main thread to finish its own chunk. */
const IN_FLIGHT = 2;

/**
 * Runs `tasks` on `threads` threads: the main thread and threads - 1 pooled workers take tasks from one
 * queue. The main thread works too (it would otherwise idle while the workers run), and yields to the
 * event loop between its tasks to collect the workers' results and hand them more.
 */
async function runTasks<R extends TaskResult>(
  setup: SetupMessage,
  tasks: TaskMessage[],
  threads: number,
  onDone: (result: R) => void,
): Promise<void> {
  const queue = [...tasks];
  const local: ThreadState = { seed: 0 };
  applySetup(local, setup);
  const helpers = workers(Math.max(0, Math.min(threads - 1, queue.length - 1)));
  const pending = new Map<Worker, number>(helpers.map((w) => [w, 0]));
  let failure: unknown;
  let settle: (() => void) | undefined;
  const outstanding = () => [...pending.values()].reduce((s, n) => s + n, 0);
  const feed = (worker: Worker) => {
    while ((pending.get(worker) ?? 0) < IN_FLIGHT && queue.length > 0) {
      worker.postMessage(queue.shift());
      pending.set(worker, (pending.get(worker) ?? 0) + 1);
    }
  };
  const cleanups: (() => void)[] = [];
  for (const worker of helpers) {
    const onMessage = (result: R) => {
      pending.set(worker, (pending.get(worker) ?? 1) - 1);
      onDone(result);
      feed(worker);
      if (outstanding() === 0) settle?.();
    };
    const fail = (error: unknown) => {
      if (pool.includes(worker)) pool.splice(pool.indexOf(worker), 1);
      failure ??= error;
      settle?.();
    };
    const onError = (error: unknown) =>
      fail(new SimulationError("simulation worker failed", { cause: error }));
    const onExit = (code: number) =>
      fail(new SimulationError("simulation worker exited", { details: { code } }));
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
    feed(worker);
  }
  try {
    while (queue.length > 0 && failure === undefined) {
      onDone(runTask(local, queue.shift() as TaskMessage).result as R);
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (outstanding() > 0 && failure === undefined) {
      await new Promise<void>((resolve) => {
        settle = resolve;
      });
    }
    if (failure !== undefined) throw failure;
  } finally {
    for (const cleanup of cleanups) cleanup();
    for (const worker of helpers) worker.unref();
  }
}

export async function simulatePortfolioParallel(
  model: SimulationModel,
  options: ParallelOptions,
): Promise<SimulationResult> {
  validateSimulationOptions(options);
  const chunks = new Map<number, ChunkResult>();
  let done = 0;
  const setup: SetupMessage = { kind: "model", model, seed: options.seed };
  const tasks: Task[] = planChunks(options.years).map((plan) => ({
    kind: "task",
    ...plan,
    tailMode: defaultTailMode(options.years, plan.years),
  }));
  await runTasks<ChunkResult>(setup, tasks, options.threads, (result) => {
    chunks.set(result.chunkIndex, result);
    done += result.years;
    options.onProgress?.(done, options.years);
  });
  for (;;) {
    const outcome = aggregate(model, options, [...chunks.values()]);
    if ("result" in outcome) return outcome.result;
    const reruns: Task[] = outcome.rerun.map((r): Task => ({ kind: "task", ...r }));
    await runTasks<ChunkResult>(setup, reruns, options.threads, (result) => {
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
  const setup: SetupMessage = { kind: "tail-model", model, seed: o.seed, sampling };
  const first: TailPass1[] = [];
  await runTasks<TailPass1>(
    setup,
    plan.map((c): TaskMessage => ({ kind: "tail-pass1", ...c })),
    options.threads,
    (r) => first.push(r),
  );
  first.sort((a, b) => a.chunkIndex - b.chunkIndex);
  const threshold = tailThreshold(first, o.confidence);
  const second: TailPass2[] = [];
  await runTasks<TailPass2>(
    setup,
    plan.map(
      (c): TaskMessage => ({
        kind: "tail-pass2",
        ...c,
        threshold: threshold.valueAtRisk,
        boundaryFraction: threshold.boundaryFraction,
      }),
    ),
    options.threads,
    (r) => second.push(r),
  );
  second.sort((a, b) => a.chunkIndex - b.chunkIndex);
  return tailAllocation(model, o, threshold, second);
}
