// What a simulation thread does with a message: shared by the worker threads (worker.ts) and the
// main thread, which runs chunks from the same queue instead of idling while the workers run.
import { type ChunkResult, simulateChunk, type TailMode } from "./kernel.ts";
import type { SimulationModel } from "./model.ts";
import { type TailPass1, type TailPass2, type TailSampling, tailChunkPass1, tailChunkPass2 } from "./tail.ts";

export type SetupMessage =
  | { kind: "model"; model: SimulationModel; seed: number }
  | { kind: "tail-model"; model: SimulationModel; seed: number; sampling: TailSampling };

export type TaskMessage =
  | { kind: "tail-pass1"; chunkIndex: number; years: number }
  | { kind: "tail-pass2"; chunkIndex: number; years: number; threshold: number; boundaryFraction: number }
  | { kind: "task"; chunkIndex: number; firstYear: number; years: number; tailMode: TailMode };

export type TaskResult = ChunkResult | TailPass1 | TailPass2;

/** The model, seed and sampling of the run a thread is working on. */
export type ThreadState = { model?: SimulationModel; seed: number; sampling?: TailSampling | undefined };

export function applySetup(state: ThreadState, setup: SetupMessage): void {
  state.model = setup.model;
  state.seed = setup.seed;
  state.sampling = setup.kind === "tail-model" ? setup.sampling : undefined;
}

/** Runs one task; `transfer` lists the buffers a worker can hand back without copying. */
export function runTask(
  state: ThreadState,
  task: TaskMessage,
): { result: TaskResult; transfer: ArrayBuffer[] } {
  const { model, seed, sampling } = state;
  if (!model) throw new Error("simulation thread received a task before its model");
  if (task.kind === "task") {
    const r = simulateChunk(model, seed, task.chunkIndex, task.firstYear, task.years, task.tailMode);
    const buffers = [r.yearLosses.buffer, r.tailLosses.buffer, r.tailYears.buffer, r.tailRows.buffer];
    return { result: r, transfer: buffers as ArrayBuffer[] };
  }
  if (!sampling) throw new Error("simulation thread received a tail task without its sampling");
  if (task.kind === "tail-pass1") {
    const r = tailChunkPass1(model, seed, sampling, task.chunkIndex, task.years);
    return { result: r, transfer: [r.losses.buffer, r.weights.buffer] as ArrayBuffer[] };
  }
  const r = tailChunkPass2(
    model,
    seed,
    sampling,
    task.chunkIndex,
    task.years,
    task.threshold,
    task.boundaryFraction,
  );
  return { result: r, transfer: [] };
}
