// Worker-thread entry of the parallel runner: holds the model of the current run and simulates the
// chunks it is sent. Loaded with Node's built-in type stripping (no TypeScript loader).
import { parentPort } from "node:worker_threads";
import { simulateChunk, type TailMode } from "./kernel.ts";
import type { SimulationModel } from "./model.ts";
import { type TailSampling, tailChunkPass1, tailChunkPass2 } from "./tail.ts";

type Message =
  | { kind: "model"; model: SimulationModel; seed: number }
  | { kind: "tail-model"; model: SimulationModel; seed: number; sampling: TailSampling }
  | { kind: "tail-pass1"; chunkIndex: number; years: number }
  | {
      kind: "tail-pass2";
      chunkIndex: number;
      years: number;
      threshold: number;
      boundaryFraction: number;
    }
  | { kind: "task"; chunkIndex: number; firstYear: number; years: number; tailMode: TailMode };

let model: SimulationModel | undefined;
let seed = 0;
let sampling: TailSampling | undefined;

parentPort?.on("message", (message: Message) => {
  if (message.kind === "model" || message.kind === "tail-model") {
    model = message.model;
    seed = message.seed;
    sampling = message.kind === "tail-model" ? message.sampling : undefined;
    return;
  }
  if (!model) throw new Error("simulation worker received a task before its model");
  if (message.kind === "tail-pass1" || message.kind === "tail-pass2") {
    if (!sampling) throw new Error("simulation worker received a tail task without its sampling");
    if (message.kind === "tail-pass1") {
      const r = tailChunkPass1(model, seed, sampling, message.chunkIndex, message.years);
      parentPort?.postMessage(r, [r.losses.buffer, r.weights.buffer] as ArrayBuffer[]);
    } else {
      const r = tailChunkPass2(
        model,
        seed,
        sampling,
        message.chunkIndex,
        message.years,
        message.threshold,
        message.boundaryFraction,
      );
      parentPort?.postMessage(r);
    }
    return;
  }
  const result = simulateChunk(
    model,
    seed,
    message.chunkIndex,
    message.firstYear,
    message.years,
    message.tailMode,
  );
  parentPort?.postMessage(result, [
    result.yearLosses.buffer,
    result.tailLosses.buffer,
    result.tailYears.buffer,
    result.tailRows.buffer,
  ] as ArrayBuffer[]);
});
