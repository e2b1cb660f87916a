// Worker-thread entry of the parallel runner: holds one model, simulates the chunks it is sent.
import { parentPort, workerData } from "node:worker_threads";
import { simulateChunk, type TailMode } from "./kernel.ts";
import type { SimulationModel } from "./model.ts";

const model = workerData.model as SimulationModel;
const seed = workerData.seed as number;

parentPort?.on(
  "message",
  (task: { chunkIndex: number; firstYear: number; years: number; tailMode: TailMode }) => {
    const result = simulateChunk(model, seed, task.chunkIndex, task.firstYear, task.years, task.tailMode);
    parentPort?.postMessage(result, [
      result.yearLosses.buffer,
      result.tailLosses.buffer,
      result.tailYears.buffer,
      result.tailRows.buffer,
    ] as ArrayBuffer[]);
  },
);
