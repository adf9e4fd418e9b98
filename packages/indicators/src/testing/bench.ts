/**
 * The shared benchmark table of the indicators package (`*.bench.ts`): one row per implementation with its best-of-N
 * time, its time divided by quantkit's (measured in the same run) and the target for that ratio.
 */
import { type BenchRow, printTable, tiny } from "@quantkit/core/bench";

/**
 * Best-of-N wall time in ms after warm-up. On a shared machine the minimum is the least perturbed estimate of the
 * code's own cost (the median mostly measures other processes' load); every row uses the same rule.
 */
function bestMs(fn: () => unknown, repeats: number, warmup: number): number {
  let sink: unknown;
  const r = tiny ? 1 : repeats;
  const w = tiny ? 0 : warmup;
  for (let i = 0; i < w; i++) sink = fn();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < r; i++) {
    const t0 = performance.now();
    sink = fn();
    const dt = performance.now() - t0;
    if (dt < best) best = dt;
  }
  if (sink === Symbol.for("never")) console.log(sink);
  return best;
}

/** One competitor: a name, a thunk, and the minimum `its time ÷ quantkit time` the issue asks for (if any). */
export interface BenchEntry {
  readonly name: string;
  readonly run: () => unknown;
  /** Target for `ms / quantkitMs`: ≥ target (e.g. 3 for "≥ 3× faster than it"; 0.5 for "within 2× of it"). */
  readonly atLeast?: number;
  /** Fewer repeats for slow libraries. */
  readonly repeats?: number;
}

/** Measured row (also printed). */
export interface BenchResult {
  readonly name: string;
  readonly ms: number;
  readonly ratio: number;
}

/**
 * Times quantkit and every peer (median of repeats), prints a Markdown table and returns the rows.
 *
 * @example
 * compareBench("SMA(20), 1M points", () => sma(x, { period: 20 }), [{ name: "talib", run: …, atLeast: 10 }]);
 */
export function compareBench(
  title: string,
  quantkit: () => unknown,
  peers: readonly BenchEntry[],
  unit: { perItem?: number } = {},
): BenchResult[] {
  const q = bestMs(quantkit, 15, 5);
  const results: BenchResult[] = [{ name: "quantkit", ms: q, ratio: 1 }];
  const rows: BenchRow[] = [row("quantkit", q, 1, undefined, unit.perItem)];
  for (const p of peers) {
    const ms = bestMs(p.run, p.repeats ?? 15, p.repeats === 1 ? 0 : 3);
    const ratio = ms / q;
    results.push({ name: p.name, ms, ratio });
    rows.push(row(p.name, ms, ratio, p.atLeast, unit.perItem));
  }
  printTable(title, rows);
  return results;
}

function row(
  name: string,
  ms: number,
  ratio: number,
  atLeast: number | undefined,
  perItem: number | undefined,
): BenchRow {
  const base: Record<string, string | number> = { name, ms };
  if (perItem) base["ns/update"] = (ms * 1e6) / perItem;
  base["time ÷ quantkit"] = ratio;
  base.target =
    atLeast === undefined ? "" : atLeast < 1 ? `quantkit within ${1 / atLeast}×` : `≥ ${atLeast}×`;
  base.met = atLeast === undefined ? "" : ratio >= atLeast ? "yes" : "NO";
  return base as unknown as BenchRow;
}
