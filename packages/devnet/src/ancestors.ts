import { readFileSync } from "node:fs";

/** The parent pid of `pid` (Linux /proc), or undefined. */
function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so parse after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    return Number.isInteger(ppid) && ppid > 1 ? ppid : undefined;
  } catch {
    return undefined;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Calls `onGone` once this process is re-parented or any of its first `depth` ancestors exits (e.g. `npm start`
 * runs node under `sh` under `npm`: a SIGKILLed npm leaves the sh waiting, and the devnet would run on).
 */
export function watchAncestors(onGone: () => void, depth = 3, everyMs = 500): () => void {
  const parent = process.ppid;
  const chain: number[] = [];
  for (let pid: number | undefined = parent; pid !== undefined && chain.length < depth; pid = parentOf(pid))
    chain.push(pid);
  const timer = setInterval(() => {
    if (process.ppid !== parent || chain.some((pid) => !alive(pid))) {
      clearInterval(timer);
      onGone();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
