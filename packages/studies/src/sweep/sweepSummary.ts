import type { RunMetrics } from "../run/executeRun.js";
import type { ParamValue } from "../space/dimension.js";

/** One of the best runs of a sweep. */
export interface TopRun {
  readonly key: string;
  readonly seq: number;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly metrics: RunMetrics;
}

/**
 * The best runs of a sweep by its objective, kept incrementally (only `size` of them in memory): a NaN objective
 * ranks last, ties keep the earlier run.
 *
 * @example
 * const top = new TopRuns("sharpe", false); top.add(row); top.list[0]?.params // → the best params so far
 */
export class TopRuns {
  readonly list: TopRun[] = [];

  /**
   * @param objective - the metric ranked by.
   * @param minimize - lower is better.
   * @param size - how many to keep. @default 10
   */
  constructor(
    readonly objective: keyof RunMetrics,
    readonly minimize: boolean,
    readonly size = 10,
  ) {}

  /** Offers a run (a run without metrics, i.e. failed, is ignored). */
  add(run: {
    readonly key: string;
    readonly seq: number;
    readonly params: TopRun["params"];
    readonly metrics: RunMetrics | null;
  }): void {
    const metrics = run.metrics;
    if (metrics === null) return;
    const v = metrics[this.objective];
    const top = this.list;
    let i = top.length;
    while (i > 0 && this.#better(v, top[i - 1]!.metrics[this.objective])) i--;
    if (i < this.size) {
      top.splice(i, 0, { key: run.key, seq: run.seq, params: run.params, metrics });
      if (top.length > this.size) top.pop();
    }
  }

  #better(a: number, b: number): boolean {
    if (Number.isNaN(b)) return !Number.isNaN(a);
    if (Number.isNaN(a)) return false;
    return this.minimize ? a < b : a > b;
  }
}

/** One rung of a successive-halving sweep (see {@link SweepSummaryFields.halving}). */
export interface HalvingRungSummary {
  /** Fraction of the bars the rung's runs covered (a prefix of the sweep's bars or range). */
  readonly fraction: number;
  /** Bars in each of the rung's runs. */
  readonly bars: number;
  /** Candidates run on this rung. */
  readonly candidates: number;
  readonly executed: number;
  readonly skipped: number;
}

/** Fields of a {@link SweepSummary}. */
export interface SweepSummaryFields {
  readonly studyId: string;
  readonly study: string;
  readonly strategy: string;
  readonly engine: string;
  readonly objective: keyof RunMetrics;
  readonly minimize: boolean;
  /** The results folder (`<out>/results`). */
  readonly out: string;
  readonly total: number;
  readonly executed: number;
  readonly skipped: number;
  readonly failed: number;
  readonly aborted: boolean;
  readonly workers: number;
  readonly bars: number;
  /**
   * Best runs of this invocation by the objective (up to 10), best first. For a successive-halving sweep: the runs of
   * its last rung (on all the bars), whether executed now or before.
   */
  readonly top: readonly TopRun[];
  /**
   * For a successive-halving sweep (`search: { kind: "halving" }`): `eta` and the rungs, and how many runs covered
   * all the bars (`fullLengthRuns`, the last rung's candidates; a grid would run every candidate on all of them).
   */
  readonly halving?: {
    readonly eta: number;
    readonly rungs: readonly HalvingRungSummary[];
    readonly fullLengthRuns: number;
  };
  readonly timings: {
    readonly loadMs: number;
    readonly poolStartMs: number;
    readonly runMs: number;
    readonly totalMs: number;
  };
}

const fmt = (x: number) =>
  Number.isInteger(x)
    ? String(x)
    : Math.abs(x) >= 1000
      ? x.toFixed(0)
      : Math.abs(x) >= 1
        ? x.toFixed(3)
        : x.toPrecision(4);

/**
 * What a sweep did: counts (total, executed, skipped as already done, failed), whether it was aborted, the best
 * runs of this invocation by the objective, and timings. `toString()` prints a readable report; `table()` gives
 * rows for `console.table`. The full results are in the Parquet table (`openResults(out)`).
 *
 * @example
 * console.log(String(summary)); // "Sweep sma-cross … 1000 runs (0 skipped) in 12.3 s — 81 runs/s … best: fast=10 slow=60 sharpe=1.23"
 */
export class SweepSummary implements SweepSummaryFields {
  readonly studyId!: string;
  readonly study!: string;
  readonly strategy!: string;
  readonly engine!: string;
  readonly objective!: keyof RunMetrics;
  readonly minimize!: boolean;
  readonly out!: string;
  readonly total!: number;
  readonly executed!: number;
  readonly skipped!: number;
  readonly failed!: number;
  readonly aborted!: boolean;
  readonly workers!: number;
  readonly bars!: number;
  readonly top!: readonly TopRun[];
  readonly halving?: SweepSummaryFields["halving"];
  readonly timings!: SweepSummaryFields["timings"];

  constructor(f: SweepSummaryFields) {
    Object.assign(this, f);
  }

  /** The best run of this invocation, if any succeeded. */
  get best(): TopRun | undefined {
    return this.top[0];
  }

  /** Runs executed per second of execution. */
  get runsPerSecond(): number {
    return this.executed / (this.timings.runMs / 1000);
  }

  /** Rows (params + headline metrics) of the top runs, for `console.table`. */
  table(): Record<string, string | number | boolean>[] {
    return this.top.map((t) => ({
      ...t.params,
      sharpe: t.metrics.sharpe,
      sortino: t.metrics.sortino,
      totalReturn: t.metrics.totalReturn,
      maxDrawdown: t.metrics.maxDrawdown,
      trades: t.metrics.trades,
      key: t.key.slice(0, 12),
    }));
  }

  /** A JSON-ready copy. */
  toJSON(): SweepSummaryFields & { runsPerSecond: number } {
    const { ...f } = this as SweepSummaryFields;
    return { ...f, runsPerSecond: this.runsPerSecond };
  }

  /** A short report. */
  toString(): string {
    const t = this.timings;
    const lines = [
      `Sweep "${this.study}" (${this.strategy}, ${this.engine}, study ${this.studyId}) on ${this.bars} bars, ${this.workers} worker(s)${this.aborted ? " — ABORTED" : ""}`,
      `  ${this.total} parameter sets: ${this.executed} executed, ${this.skipped} already done, ${this.failed} failed, ${this.total - this.executed - this.skipped} not run`,
      `  ${(t.runMs / 1000).toFixed(2)} s executing (${fmt(this.runsPerSecond)} runs/s), ${(t.totalMs / 1000).toFixed(2)} s total`,
      `  results: ${this.out}/*.parquet`,
    ];
    if (this.halving !== undefined) {
      const h = this.halving;
      lines.push(
        `  successive halving (eta ${h.eta}): ${h.rungs.map((r) => `${r.candidates} on ${r.bars} bars`).join(" → ")}; ${h.fullLengthRuns} full-length runs`,
      );
    }
    if (this.top.length > 0) {
      lines.push(`  top by ${this.objective} (${this.minimize ? "lowest" : "highest"} first):`);
      for (const r of this.top.slice(0, 5)) {
        const p = Object.entries(r.params)
          .map(([k, v]) => `${k}=${v}`)
          .join(" ");
        const m = r.metrics;
        lines.push(
          `    ${p}  ${this.objective === "sharpe" ? "" : `${this.objective}=${fmt(m[this.objective])} `}sharpe=${fmt(m.sharpe)} return=${fmt(m.totalReturn)} maxDD=${fmt(m.maxDrawdown)} trades=${m.trades}`,
        );
      }
    }
    return lines.join("\n");
  }
}
