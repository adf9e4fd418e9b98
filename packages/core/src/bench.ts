/**
 * @packageDocumentation
 * Tiny helpers shared by the `*.bench.ts` scripts (`npm run bench`). Not part of the main API; imported as
 * `@quantkit/core/bench`. A benchmark prints the ratio against its named peer measured in the same run.
 */

/** True when benchmarks run at a tiny size so they cannot rot (`npm run bench:tiny`, CI). */
export const tiny: boolean = process.env.QK_BENCH_TINY === "1" || process.argv.includes("--tiny");

/**
 * Picks the full or the tiny problem size.
 *
 * @example
 * const n = size(1_000_000, 1_000); // → 1000 under `npm run bench:tiny`
 */
export function size(full: number, small: number): number {
  return tiny ? small : full;
}

/**
 * Runs `fn` `warmup` times, then `repeats` times, and returns the median wall time in milliseconds.
 *
 * @example
 * const ms = timeMs(() => sma(close, { period: 20 }));
 */
export function timeMs(fn: () => unknown, options: { repeats?: number; warmup?: number } = {}): number {
  const repeats = tiny ? 1 : (options.repeats ?? 7);
  const warmup = tiny ? 0 : (options.warmup ?? 2);
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    sink = fn();
    times.push(performance.now() - t0);
  }
  if (sink === Symbol.for("never")) console.log(sink);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

/** Async variant of {@link timeMs}. */
export async function timeMsAsync(
  fn: () => Promise<unknown>,
  options: { repeats?: number; warmup?: number } = {},
): Promise<number> {
  const repeats = tiny ? 1 : (options.repeats ?? 5);
  const warmup = tiny ? 0 : (options.warmup ?? 1);
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

/** One row of a benchmark table. */
export interface BenchRow {
  readonly name: string;
  readonly ms: number;
  readonly target?: string;
  readonly [extra: string]: string | number | undefined;
}

/**
 * Prints a titled table of rows (a Markdown table, so it pastes into a README).
 *
 * @example
 * printTable("SMA(20), 1M points", [{ name: "quantkit", ms: 2.1 }, { name: "talib", ms: 150 }]);
 */
export function printTable(title: string, rows: readonly BenchRow[]): void {
  const keys = Array.from(new Set(rows.flatMap((r) => Object.keys(r))));
  const fmt = (v: unknown) =>
    typeof v === "number" ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : String(v ?? "");
  console.log(`\n### ${title}${tiny ? " (tiny size: numbers are not meaningful)" : ""}\n`);
  console.log(`| ${keys.join(" | ")} |`);
  console.log(`|${keys.map(() => "---").join("|")}|`);
  for (const r of rows) console.log(`| ${keys.map((k) => fmt(r[k])).join(" | ")} |`);
}
