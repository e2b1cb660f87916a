/** Hand-written SVG charts: no plotting dependency, fonts resolved by the PNG renderer. */
const WIDTH = 900;
const HEIGHT = 520;
const MARGIN = { left: 110, right: 30, top: 60, bottom: 70 };
const FONT = 'font-family="DejaVu Sans, sans-serif"';

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const money = (x: number) =>
  x >= 1e9
    ? `$${(x / 1e9).toFixed(1)}B`
    : x >= 1e6
      ? `$${(x / 1e6).toFixed(1)}M`
      : x >= 1e3
        ? `$${(x / 1e3).toFixed(0)}k`
        : `$${x.toFixed(0)}`;

function frame(title: string, xLabel: string, yLabel: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
<title>${escapeXml(title)}</title>
<rect width="100%" height="100%" fill="white"/>
<text x="${WIDTH / 2}" y="32" text-anchor="middle" font-size="20" font-weight="bold" ${FONT}>${escapeXml(title)}</text>
<text x="${WIDTH / 2}" y="${HEIGHT - 18}" text-anchor="middle" font-size="15" ${FONT}>${escapeXml(xLabel)}</text>
<text transform="translate(22 ${HEIGHT / 2}) rotate(-90)" text-anchor="middle" font-size="15" ${FONT}>${escapeXml(yLabel)}</text>
<line x1="${MARGIN.left}" y1="${HEIGHT - MARGIN.bottom}" x2="${WIDTH - MARGIN.right}" y2="${HEIGHT - MARGIN.bottom}" stroke="black"/>
<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${HEIGHT - MARGIN.bottom}" stroke="black"/>
${body}
</svg>`;
}

function niceMax(x: number): number {
  if (x <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(x));
  return ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= x) ?? 10) * magnitude;
}

function yAxis(max: number, format: (v: number) => string): string {
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  return Array.from({ length: 6 }, (_, i) => {
    const value = (max * i) / 5;
    const y = HEIGHT - MARGIN.bottom - (plotHeight * i) / 5;
    return `<line x1="${MARGIN.left}" y1="${y}" x2="${WIDTH - MARGIN.right}" y2="${y}" stroke="#ddd"/>
<text x="${MARGIN.left - 8}" y="${y + 5}" text-anchor="end" font-size="13" ${FONT}>${format(value)}</text>`;
  }).join("\n");
}

/** Annual loss against return period (years, log scale), with the 1-in-200 (99.5%) level marked. */
export function lossExceedanceSvg(points: { probability: number; loss: number }[], title: string): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const maxPeriod = Math.max(...points.map((p) => 1 / p.probability), 10);
  const logMax = Math.log10(maxPeriod);
  const yMax = niceMax(Math.max(...points.map((p) => p.loss), 1));
  const x = (period: number) => MARGIN.left + (plotWidth * Math.log10(period)) / logMax;
  const y = (loss: number) => HEIGHT - MARGIN.bottom - (plotHeight * loss) / yMax;
  const path = points
    .map((p, i) => `${i === 0 ? "M" : "L"}${x(1 / p.probability).toFixed(1)},${y(p.loss).toFixed(1)}`)
    .join(" ");
  const xTicks = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 100000]
    .filter((t) => t <= maxPeriod)
    .map(
      (
        t,
      ) => `<line x1="${x(t)}" y1="${MARGIN.top}" x2="${x(t)}" y2="${HEIGHT - MARGIN.bottom}" stroke="#eee"/>
<text x="${x(t)}" y="${HEIGHT - MARGIN.bottom + 20}" text-anchor="middle" font-size="13" ${FONT}>${t}</text>`,
    )
    .join("\n");
  const marker =
    maxPeriod >= 200
      ? `<line x1="${x(200)}" y1="${MARGIN.top}" x2="${x(200)}" y2="${HEIGHT - MARGIN.bottom}" stroke="#c0392b" stroke-dasharray="6 4"/>
<text x="${x(200) - 6}" y="${MARGIN.top + 16}" text-anchor="end" font-size="13" fill="#c0392b" ${FONT}>99.5% (1 in 200 years)</text>`
      : "";
  const dots = points
    .map(
      (p) =>
        `<circle cx="${x(1 / p.probability).toFixed(1)}" cy="${y(p.loss).toFixed(1)}" r="3" fill="#1f5fa8"/>`,
    )
    .join("");
  return frame(
    title,
    "return period (years, log scale)",
    "annual portfolio loss",
    `${yAxis(yMax, money)}\n${xTicks}\n${marker}\n<path d="${path}" fill="none" stroke="#1f5fa8" stroke-width="2.5"/>${dots}`,
  );
}

/** Histogram of annual losses (share of simulated years per bin), zero-loss years noted. */
export function histogramSvg(
  histogram: { binWidth: number; counts: number[]; above: number; upper: number },
  years: number,
  title: string,
): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const shares = histogram.counts.map((c) => c / years);
  const yMax = niceMax(Math.max(...shares));
  const barWidth = plotWidth / shares.length;
  const bars = shares
    .map((share, i) => {
      const h = (plotHeight * share) / yMax;
      return `<rect x="${(MARGIN.left + i * barWidth + 1).toFixed(1)}" y="${(HEIGHT - MARGIN.bottom - h).toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="#1f5fa8"/>`;
    })
    .join("");
  const xTicks = Array.from({ length: 6 }, (_, i) => {
    const value = (histogram.upper * i) / 5;
    return `<text x="${MARGIN.left + (plotWidth * i) / 5}" y="${HEIGHT - MARGIN.bottom + 20}" text-anchor="middle" font-size="13" ${FONT}>${money(value)}</text>`;
  }).join("");
  const note = `<text x="${WIDTH - MARGIN.right}" y="${MARGIN.top + 16}" text-anchor="end" font-size="13" ${FONT}>first bar includes loss-free years; ${((100 * histogram.above) / years).toFixed(2)}% of years above ${money(histogram.upper)}</text>`;
  return frame(
    title,
    "annual portfolio loss",
    "share of simulated years",
    `${yAxis(yMax, (v) => `${(v * 100).toFixed(1)}%`)}${xTicks}${bars}${note}`,
  );
}

/** Horizontal bars: each market's Euler capital contribution (TVaR 99.5% minus expected loss). */
export function contributionsSvg(
  markets: { marketId: string; capitalContribution: number }[],
  title: string,
): string {
  const sorted = [...markets].sort((a, b) => b.capitalContribution - a.capitalContribution);
  const left = 200;
  const plotWidth = WIDTH - left - MARGIN.right - 80;
  const rowHeight = (HEIGHT - MARGIN.top - MARGIN.bottom) / Math.max(sorted.length, 1);
  const max = niceMax(Math.max(...sorted.map((m) => Math.abs(m.capitalContribution)), 1));
  const rows = sorted
    .map((m, i) => {
      const y = MARGIN.top + i * rowHeight;
      const w = Math.max(0, (plotWidth * m.capitalContribution) / max);
      return `<text x="${left - 8}" y="${y + rowHeight / 2 + 5}" text-anchor="end" font-size="13" ${FONT}>${escapeXml(m.marketId)}</text>
<rect x="${left}" y="${(y + 3).toFixed(1)}" width="${w.toFixed(1)}" height="${(rowHeight - 6).toFixed(1)}" fill="#1f5fa8"/>
<text x="${(left + w + 6).toFixed(1)}" y="${y + rowHeight / 2 + 5}" font-size="13" ${FONT}>${money(m.capitalContribution)}</text>`;
    })
    .join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
<title>${escapeXml(title)}</title>
<rect width="100%" height="100%" fill="white"/>
<text x="${WIDTH / 2}" y="32" text-anchor="middle" font-size="20" font-weight="bold" ${FONT}>${escapeXml(title)}</text>
<text x="${WIDTH / 2}" y="${HEIGHT - 18}" text-anchor="middle" font-size="15" ${FONT}>capital contribution (Euler allocation of TVaR 99.5% minus expected loss)</text>
<line x1="${left}" y1="${MARGIN.top}" x2="${left}" y2="${HEIGHT - MARGIN.bottom}" stroke="black"/>
${rows}
</svg>`;
}

/** Predictive 90% bands (p5..p95, tick at the median) per origin with the realised value as a dot. */
export function bandsSvg(
  points: { label: string; p5: number; p50: number; p95: number; realized: number }[],
  title: string,
  yLabel: string,
  options: { log?: boolean; money?: boolean } = {},
): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const values = points.flatMap((p) => [p.p5, p.p95, p.realized]).filter((v) => v > 0);
  const format = (v: number) => (options.money ? money(v) : v.toFixed(0));
  let y: (v: number) => number;
  let axis: string;
  if (options.log) {
    const lo = Math.floor(Math.log10(Math.max(1, Math.min(...values))));
    const hi = Math.ceil(Math.log10(Math.max(...values, 10)));
    y = (v: number) =>
      HEIGHT - MARGIN.bottom - (plotHeight * (Math.log10(Math.max(v, 10 ** lo)) - lo)) / (hi - lo);
    axis = Array.from({ length: hi - lo + 1 }, (_, i) => {
      const v = 10 ** (lo + i);
      return `<line x1="${MARGIN.left}" y1="${y(v)}" x2="${WIDTH - MARGIN.right}" y2="${y(v)}" stroke="#ddd"/>
<text x="${MARGIN.left - 8}" y="${y(v) + 5}" text-anchor="end" font-size="13" ${FONT}>${format(v)}</text>`;
    }).join("\n");
  } else {
    const max = niceMax(Math.max(...values, 1));
    y = (v: number) => HEIGHT - MARGIN.bottom - (plotHeight * v) / max;
    axis = yAxis(max, format);
  }
  const step = plotWidth / Math.max(points.length, 1);
  const marks = points
    .map((p, i) => {
      const x = MARGIN.left + step * (i + 0.5);
      const covered = p.p5 <= p.realized && p.realized <= p.p95;
      return `<line x1="${x}" y1="${y(p.p5).toFixed(1)}" x2="${x}" y2="${y(p.p95).toFixed(1)}" stroke="#1f5fa8" stroke-width="10" stroke-opacity="0.35"/>
<line x1="${x - 12}" y1="${y(p.p50).toFixed(1)}" x2="${x + 12}" y2="${y(p.p50).toFixed(1)}" stroke="#1f5fa8" stroke-width="2.5"/>
<circle cx="${x}" cy="${y(p.realized).toFixed(1)}" r="6" fill="${covered ? "#2e8b57" : "#c0392b"}"/>
<text x="${x}" y="${HEIGHT - MARGIN.bottom + 20}" text-anchor="middle" font-size="13" ${FONT}>${escapeXml(p.label)}</text>`;
    })
    .join("\n");
  const legend = `<text x="${WIDTH - MARGIN.right}" y="${MARGIN.top - 8}" text-anchor="end" font-size="13" ${FONT}>bar: 90% band, tick: median, dot: realised (green inside, red outside)</text>`;
  return frame(
    title,
    "forecast window (calibrated on data before it)",
    yLabel,
    `${axis}\n${marks}\n${legend}`,
  );
}
