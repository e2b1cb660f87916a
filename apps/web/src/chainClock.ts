// Chain time: the latest block's timestamp, ticking between blocks. Cooldowns and timelocks are judged by the
// chain's clock, which a development chain can move forward at will, so the browser's clock cannot be used.
import { useEffect, useState } from "react";
import { useBlock } from "wagmi";

/** Unix seconds by chain time, or undefined until the first block is read. */
export function useChainNow(): number | undefined {
  const { data: block } = useBlock({ watch: true });
  const [seen, setSeen] = useState<{ timestamp: number; at: number }>();
  const timestamp = block === undefined ? undefined : Number(block.timestamp);
  useEffect(() => {
    if (timestamp !== undefined) setSeen({ timestamp, at: Date.now() });
  }, [timestamp]);
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 1_000);
    return () => clearInterval(timer);
  }, []);
  // Between blocks the chain's clock runs like the wall clock: add the seconds since this block was seen.
  // (A block mined long before it was seen makes this lag: the countdown errs late, never early.)
  return seen && seen.timestamp + Math.floor((Date.now() - seen.at) / 1_000);
}

/** "in 6d 23h" until `at`, or "now" once chain time has reached it. */
export function countdown(at: number, now: number | undefined): string {
  if (now === undefined) return "…";
  return at <= now ? "now" : `in ${formatLeft(at - now)}`;
}

function formatLeft(s: number): string {
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  if (d > 0) return `${d}d ${h}h ${m}m`;
  if (h > 0) return `${h}h ${m}m ${s % 60}s`;
  return `${m}m ${s % 60}s`;
}
