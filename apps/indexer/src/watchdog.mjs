// Preloaded into the indexer's process (node --import): it exits when the process that started it is gone,
// so a parent killed with SIGKILL never leaves an orphaned indexer holding its port and database.
const parent = process.ppid;
setInterval(() => {
  let alive = process.ppid === parent;
  if (alive) {
    try {
      process.kill(parent, 0);
    } catch {
      alive = false;
    }
  }
  if (!alive) process.kill(process.pid, "SIGTERM");
}, 1_000).unref();
