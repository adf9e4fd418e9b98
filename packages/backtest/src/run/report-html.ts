import { isoUtc } from "@quantkit/core";
import type { BacktestResult } from "./run-backtest.js";

const W = 960;
const H = 260;
const PAD = 40;

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function scale(lo: number, hi: number, a: number, b: number): (x: number) => number {
  const span = hi - lo || 1;
  return (x) => a + ((x - lo) / span) * (b - a);
}

function path(
  xs: Float64Array,
  ys: Float64Array,
  sx: (x: number) => number,
  sy: (y: number) => number,
): string {
  // at most ~2000 points: decimate by taking every k-th sample (and the last)
  const n = xs.length;
  const k = Math.max(1, Math.floor(n / 2000));
  let d = "";
  for (let i = 0; i < n; i += k)
    d += `${i === 0 ? "M" : "L"}${sx(xs[i]!).toFixed(1)},${sy(ys[i]!).toFixed(1)}`;
  if (n > 0) d += `L${sx(xs[n - 1]!).toFixed(1)},${sy(ys[n - 1]!).toFixed(1)}`;
  return d;
}

function minMax(a: Float64Array): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of a) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

function axisLabels(lo: number, hi: number, t0: number, t1: number, fmt: (v: number) => string): string {
  return `<text x="4" y="${PAD - 6}" class="lbl">${esc(fmt(hi))}</text><text x="4" y="${H - PAD + 14}" class="lbl">${esc(fmt(lo))}</text><text x="${PAD}" y="${H - 6}" class="lbl">${isoUtc(t0).slice(0, 10)}</text><text x="${W - PAD}" y="${H - 6}" class="lbl" text-anchor="end">${isoUtc(t1).slice(0, 10)}</text>`;
}

/**
 * A self-contained HTML report (inline SVG, no scripts, no network): equity with drawdown shading and trade
 * markers, the underwater curve, a histogram of per-sample returns, and the summary metrics.
 *
 * @example
 * writeFileSync("report.html", reportHtml(runBacktest(config)));
 */
export function reportHtml(r: BacktestResult): string {
  const ts = r.equityTs;
  const eq = r.equity;
  const n = eq.length;
  const sections: string[] = [];
  if (n >= 2) {
    const t0 = ts[0]!;
    const t1 = ts[n - 1]!;
    const sx = scale(t0, t1, PAD, W - PAD);
    const [lo, hi] = minMax(eq);
    const sy = scale(lo, hi, H - PAD, PAD);
    const under = new Float64Array(n);
    let peak = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      peak = Math.max(peak, eq[i]!);
      under[i] = eq[i]! / peak - 1;
    }
    // drawdown shading: spans where underwater < -1 %
    let shade = "";
    let start = -1;
    for (let i = 0; i <= n; i++) {
      const inDd = i < n && under[i]! < -0.01;
      if (inDd && start < 0) start = i;
      if (!inDd && start >= 0) {
        const x0 = sx(ts[start]!);
        const x1 = sx(ts[i - 1]!);
        shade += `<rect x="${x0.toFixed(1)}" y="${PAD}" width="${Math.max(1, x1 - x0).toFixed(1)}" height="${H - 2 * PAD}" class="dd"/>`;
        start = -1;
      }
    }
    let marks = "";
    for (const t of r.trades.slice(0, 2000)) {
      const yAt = (tt: number) => {
        let j = 0;
        let k = n - 1;
        while (j < k) {
          const m = (j + k) >> 1;
          if (ts[m]! < tt) j = m + 1;
          else k = m;
        }
        return sy(eq[j]!);
      };
      marks += `<circle cx="${sx(t.entryTs).toFixed(1)}" cy="${yAt(t.entryTs).toFixed(1)}" r="2.5" class="${t.direction > 0 ? "in" : "ins"}"/>`;
      marks += `<circle cx="${sx(t.exitTs).toFixed(1)}" cy="${yAt(t.exitTs).toFixed(1)}" r="2.5" class="${t.pnl >= 0 ? "win" : "loss"}"/>`;
    }
    sections.push(
      `<h2>Equity</h2><svg viewBox="0 0 ${W} ${H}">${shade}<path d="${path(ts, eq, sx, sy)}" class="eq"/>${marks}${axisLabels(lo, hi, t0, t1, (v) => v.toFixed(0))}</svg><p class="note">Shaded: drawdown deeper than 1 %. Markers: entries (blue long, purple short), exits (green win, red loss).</p>`,
    );
    const [ulo] = minMax(under);
    const su = scale(Math.min(ulo, -1e-9), 0, H - PAD, PAD);
    sections.push(
      `<h2>Underwater</h2><svg viewBox="0 0 ${W} ${H}"><path d="${path(ts, under, sx, su)}L${sx(t1).toFixed(1)},${su(0).toFixed(1)}L${sx(t0).toFixed(1)},${su(0).toFixed(1)}Z" class="uw"/>${axisLabels(ulo, 0, t0, t1, (v) => `${(v * 100).toFixed(1)}%`)}</svg>`,
    );
    const rets = new Float64Array(n - 1);
    for (let i = 1; i < n; i++) rets[i - 1] = eq[i]! / eq[i - 1]! - 1;
    const [rlo, rhi] = minMax(rets);
    const bins = 50;
    const counts = new Float64Array(bins);
    for (const x of rets) counts[Math.min(bins - 1, Math.floor(((x - rlo) / (rhi - rlo || 1)) * bins))]!++;
    const cmax = minMax(counts)[1];
    const bw = (W - 2 * PAD) / bins;
    let bars = "";
    for (let b = 0; b < bins; b++) {
      const h = ((H - 2 * PAD) * counts[b]!) / (cmax || 1);
      bars += `<rect x="${(PAD + b * bw).toFixed(1)}" y="${(H - PAD - h).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${h.toFixed(1)}" class="hist"/>`;
    }
    sections.push(
      `<h2>Returns per sample</h2><svg viewBox="0 0 ${W} ${H}">${bars}<text x="${PAD}" y="${H - 6}" class="lbl">${(rlo * 100).toFixed(2)}%</text><text x="${W - PAD}" y="${H - 6}" class="lbl" text-anchor="end">${(rhi * 100).toFixed(2)}%</text></svg>`,
    );
  }
  const m = r.metrics as unknown as Record<string, number>;
  const rows = Object.entries(m)
    .map(
      ([k, v]) => `<tr><td>${esc(k)}</td><td>${Number.isFinite(v) ? v.toPrecision(6) : String(v)}</td></tr>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(`Backtest ${r.config.strategy}`)}</title>
<style>body{font-family:Helvetica,Arial,sans-serif;max-width:1000px;margin:2rem auto;color:#111827}svg{width:100%;height:auto;background:#fafafa}
.eq{fill:none;stroke:#2563eb;stroke-width:1.5}.uw{fill:#fca5a5;stroke:#dc2626}.dd{fill:#fee2e2}.hist{fill:#6b7280}
.in{fill:#2563eb}.ins{fill:#7c3aed}.win{fill:#16a34a}.loss{fill:#dc2626}.lbl{font-size:11px;fill:#374151}.note{color:#6b7280;font-size:.9rem}
td{padding:.2rem .8rem;border-bottom:1px solid #e5e7eb}</style></head>
<body><h1>${esc(`Backtest: ${r.config.strategy}`)}</h1><pre>${esc(String(r))}</pre>
${sections.join("\n")}
<h2>Metrics</h2><table>${rows}</table>
<h2>Run manifest</h2><pre>${esc(JSON.stringify({ ...r.manifest, config: undefined }, null, 1))}</pre>
</body></html>
`;
}
