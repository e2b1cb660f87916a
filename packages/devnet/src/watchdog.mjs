// Preloaded (node --import) into the devnet's chain process: it exits when the process that started it is
// gone (its stdin pipe closes, or it is re-parented), so a SIGKILLed devnet never leaves a node holding the port.
const parent = process.ppid;
const bye = () => process.exit(0);
setInterval(() => {
  if (process.ppid !== parent) bye();
}, 300).unref();
if (process.env.BACKSTOP_WATCH_STDIN === "1") {
  process.stdin.on("end", bye);
  process.stdin.on("close", bye);
  process.stdin.on("error", bye);
  process.stdin.resume();
}
