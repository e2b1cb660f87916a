// A time-series chart (uPlot): one x axis of unix seconds, one or more y series.
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export type Series = { label: string; values: number[]; color: string };

export function Chart(props: {
  title: string;
  times: number[];
  series: Series[];
  format?: (v: number) => string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { title, times, series, format } = props;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const base = format ?? ((v: number) => v.toLocaleString("en-US", { notation: "compact" }));
    // uPlot asks for the legend's value with null when the cursor is off the plot.
    const fmt = (v: number | null) => (v === null || v === undefined ? "–" : base(v));
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 220,
        // One point (a fresh chain) would stretch the time axis over years: show the hours around it.
        scales: {
          x:
            times.length === 1
              ? { time: true, auto: false, range: () => [(times[0] ?? 0) - 3_600, (times[0] ?? 0) + 3_600] }
              : { time: true },
        },
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            value: (_: uPlot, v: number | null) => fmt(v),
          })),
        ],
        axes: [{}, { values: (_: uPlot, ticks: number[]) => ticks.map(fmt), size: 60 }],
      },
      [times, ...series.map((s) => s.values)],
      el,
    );
    const resize = () => plot.setSize({ width: Math.max(280, el.clientWidth), height: 220 });
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      plot.destroy();
    };
  }, [times, series, format]);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={ref} role="img" aria-label={`${title}: ${series.map((s) => s.label).join(", ")} over time`} />
    </figure>
  );
}
