// Worker-thread entry of the parallel runner: holds the model of the current run and simulates the
// chunks it is sent. Loaded with Node's built-in type stripping (no TypeScript loader).
import { parentPort } from "node:worker_threads";
import { applySetup, runTask, type SetupMessage, type TaskMessage, type ThreadState } from "./tasks.ts";

const state: ThreadState = { seed: 0 };

parentPort?.on("message", (message: SetupMessage | TaskMessage) => {
  if (message.kind === "model" || message.kind === "tail-model") {
    applySetup(state, message);
    return;
  }
  const { result, transfer } = runTask(state, message);
  parentPort?.postMessage(result, transfer);
});
