// Worker-thread entry of the parallel runner: holds the model of the current run and simulates the
// chunks it is sent. Loaded with Node's built-in type stripping (no TypeScript loader).
import { parentPort } from "node:worker_threads";
import { simulateChunk, type TailMode } from "./kernel.ts";
import type { SimulationModel } from "./model.ts";

type Message =
  | { kind: "model"; model: SimulationModel; seed: number }
  | { kind: "task"; chunkIndex: number; firstYear: number; years: number; tailMode: TailMode };

let model: SimulationModel | undefined;
let seed = 0;

parentPort?.on("message", (message: Message) => {
  if (message.kind === "model") {
    model = message.model;
    seed = message.seed;
    return;
  }
  if (!model) throw new Error("simulation worker received a task before its model");
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
