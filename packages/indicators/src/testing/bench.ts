/**
 * The shared benchmark table of the indicators package (`*.bench.ts`): one row per implementation with its best-of-N
 * time (runs interleaved across implementations, so load from other processes hits every row alike), its time
 * divided by quantkit's (measured in the same run) and the target for that ratio.
 */
import { type BenchRow, printTable, tiny } from "@quantkit/core/bench";

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
  // Warm up everyone, then interleave: each round runs quantkit and every peer that still has repeats left, so
  // load spikes from other processes hit all rows alike. Best-of-N per row.
  const entries = [
    { name: "quantkit", run: quantkit, repeats: 15 },
    ...peers.map((p) => ({ ...p, repeats: p.repeats ?? 15 })),
  ];
  const best = entries.map(() => Number.POSITIVE_INFINITY);
  let sink: unknown;
  if (!tiny) for (const e of entries) for (let w = 0; w < Math.min(3, e.repeats); w++) sink = e.run();
  const rounds = tiny ? 1 : Math.max(...entries.map((e) => e.repeats));
  for (let r = 0; r < rounds; r++) {
    entries.forEach((e, j) => {
      if (r >= (tiny ? 1 : e.repeats)) return;
      const t0 = performance.now();
      sink = e.run();
      const dt = performance.now() - t0;
      if (dt < best[j]!) best[j] = dt;
    });
  }
  if (sink === Symbol.for("never")) console.log(sink);
  const q = best[0]!;
  const results: BenchResult[] = [];
  const rows: BenchRow[] = [];
  entries.forEach((e, j) => {
    const ms = best[j]!;
    const ratio = ms / q;
    results.push({ name: e.name, ms, ratio });
    rows.push(row(e.name, ms, ratio, j === 0 ? undefined : (e as BenchEntry).atLeast, unit.perItem));
  });
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
