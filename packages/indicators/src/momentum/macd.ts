import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { EmaCore } from "./internal/maCore.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";

/**
 * Options of {@link macd} / {@link Macd}: `fastPeriod` (12), `slowPeriod` (26), `signalPeriod` (9), in bars, and
 * `seed`: `"sma"` (default, TA-Lib's seeding) or `"first"` (every EMA starts from its first input, as Tulip and
 * pandas `ewm(adjust=False)`; outputs then start at `slowPeriod − 1`, with the signal seeded by the first MACD value).
 */
export const macdOptions = z
  .object({
    fastPeriod: period(12),
    slowPeriod: period(26),
    signalPeriod: period(9),
    seed: z.enum(["sma", "first"]).default("sma"),
  })
  .strict();
/** Parsed MACD options. */
export type MacdOptions = z.output<typeof macdOptions>;

/** The three MACD columns. */
export interface MacdResult {
  readonly macd: Float64Array;
  readonly signal: Float64Array;
  readonly histogram: Float64Array;
}

/** A moving-average core the MACD kernel can drive ({@link EmaCore} or `MaCore`). */
export interface MaStep {
  update(x: number): number;
  reset(): void;
}

/**
 * The shared MACD kernel of MACD, MACDFIX (EMAs, {@link MacdCore.ema}) and MACDEXT (any `MaCore`): two EMAs with TA-Lib's seeding and a signal EMA.
 * TA-Lib computes the fast EMA over the same start as the slow one, so the fast EMA is seeded with the SMA of the
 * `fastPeriod` inputs *ending at bar `slowPeriod − 1`* (not the first `fastPeriod` inputs); the signal EMA is seeded
 * with the SMA of the first `signalPeriod` MACD values. Outputs start at `slowPeriod + signalPeriod − 2`.
 */
export class MacdCore {
  readonly lookback: number;
  private n = 0;
  macd = Number.NaN;
  signal = Number.NaN;
  histogram = Number.NaN;

  /**
   * @param fast - fast moving average (fed from bar `skipFast` on).
   * @param slow - slow moving average (fed from bar 0).
   * @param sig - signal moving average of the MACD line (fed from bar `slowLookback` on).
   * @param skipFast - bars before the fast average starts (TA-Lib starts both averages at the same output bar).
   * @param slowLookback - first bar with a MACD line value.
   * @param lookback - first bar with every output.
   */
  constructor(
    private readonly fast: MaStep,
    private readonly slow: MaStep,
    private readonly sig: MaStep,
    private readonly skipFast: number,
    private readonly slowLookback: number,
    lookback: number,
  ) {
    this.lookback = lookback;
  }

  /** MACD/MACDFIX: EMAs with smoothing factors `fastK`/`slowK` (default `2/(period+1)`) and TA-Lib's seeding. */
  static ema(
    fastPeriod: number,
    slowPeriod: number,
    signalPeriod: number,
    fastK?: number,
    slowK?: number,
    seed: "sma" | "first" = "sma",
  ): MacdCore {
    if (slowPeriod < fastPeriod) {
      const t = slowPeriod;
      slowPeriod = fastPeriod;
      fastPeriod = t;
    }
    return new MacdCore(
      new EmaCore(fastPeriod, fastK ?? 2 / (fastPeriod + 1), seed),
      new EmaCore(slowPeriod, slowK ?? 2 / (slowPeriod + 1), seed),
      new EmaCore(signalPeriod, 2 / (signalPeriod + 1), seed),
      seed === "sma" ? slowPeriod - fastPeriod : 0,
      slowPeriod - 1,
      seed === "sma" ? slowPeriod - 1 + signalPeriod - 1 : slowPeriod - 1,
    );
  }

  update(x: number): number {
    const n = this.n++;
    const s = this.slow.update(x);
    if (n < this.skipFast) return Number.NaN;
    const f = this.fast.update(x);
    if (n < this.slowLookback) return Number.NaN;
    const m = f - s;
    const g = this.sig.update(m);
    if (n < this.lookback) return Number.NaN;
    this.macd = m;
    this.signal = g;
    this.histogram = m - g;
    return m;
  }

  get isReady(): boolean {
    return this.n > this.lookback;
  }

  reset(): void {
    this.fast.reset();
    this.slow.reset();
    this.sig.reset();
    this.n = 0;
    this.macd = Number.NaN;
    this.signal = Number.NaN;
    this.histogram = Number.NaN;
  }
}

/**
 * The streaming shell of MACD, MACDFIX and MACDEXT over one `MacdCore`: `update` returns the MACD line,
 * `signal` and `histogram` are getters; the three public classes are thin subclasses that build their core.
 */
export abstract class MacdLines implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly core: MacdCore;
  protected constructor(core: MacdCore) {
    this.core = core;
    this.lookback = core.lookback;
  }
  update(x: number): number {
    return this.core.update(x);
  }
  peek(x: number): number {
    return shadowOf(this).update(x);
  }
  /** The MACD line (fast MA − slow MA). */
  get value(): number {
    return this.core.macd;
  }
  /** The MACD line (same as `value`). */
  get macd(): number {
    return this.core.macd;
  }
  /** The signal line (moving average of the MACD line). */
  get signal(): number {
    return this.core.signal;
  }
  /** MACD − signal. */
  get histogram(): number {
    return this.core.histogram;
  }
  get isReady(): boolean {
    return this.core.isReady;
  }
  reset(): void {
    this.core.reset();
  }
}

/**
 * Streaming MACD (Appel): `macd = EMA_fast(x) − EMA_slow(x)`, `signal = EMA_signal(macd)`,
 * `histogram = macd − signal`, with `k = 2/(period+1)` and TA-Lib's exact seeding (see `MacdCore`): both
 * price EMAs are SMA-seeded at bar `slowPeriod − 1`, the signal EMA with the SMA of the first `signalPeriod` MACD
 * values. `update` returns `macd`; `signal` and `histogram` are getters. Lookback `slowPeriod + signalPeriod − 2`
 * (33 for 12/26/9). If `slowPeriod < fastPeriod` they are swapped, as TA-Lib does. NaN input propagates.
 * `seed: "first"` gives Tulip's / pandas' convention instead (lookback `slowPeriod − 1`).
 *
 * @param options - `{ fastPeriod = 12, slowPeriod = 26, signalPeriod = 9 }`.
 * @example
 * const m = new Macd({ fastPeriod: 2, slowPeriod: 3, signalPeriod: 2 });
 * [1, 2, 4, 8].map((x) => m.update(x)); // → [NaN, NaN, NaN, 1.1667]; m.signal → 0.9167, m.histogram → 0.25
 * @see TA-Lib `TA_MACD` (ta_MACD.c); Gerald Appel, The Moving Average Convergence-Divergence Trading Method (1979).
 */
export class Macd extends MacdLines {
  constructor(options?: z.input<typeof macdOptions>) {
    const o = parseWith(macdOptions, options ?? {}, "MACD options");
    super(MacdCore.ema(o.fastPeriod, o.slowPeriod, o.signalPeriod, undefined, undefined, o.seed));
  }
}

/** Runs a `MacdCore` over a column (shared by `macd` and `macdFix`). */
export function runMacd(core: MacdCore, close: Float64Array): MacdResult {
  const n = close.length;
  const m = new Float64Array(n);
  const s = new Float64Array(n);
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    m[i] = core.update(close[i]!);
    s[i] = core.signal;
    h[i] = core.histogram;
  }
  return { macd: m, signal: s, histogram: h };
}

/**
 * MACD over a column (see {@link Macd}): `{ macd, signal, histogram }`, NaN for the first `lookback` entries.
 *
 * @param close - input series.
 * @param options - `{ fastPeriod = 12, slowPeriod = 26, signalPeriod = 9 }`.
 * @example
 * macd(Float64Array.of(1, 2, 4, 8), { fastPeriod: 2, slowPeriod: 3, signalPeriod: 2 }).histogram; // → [NaN, NaN, NaN, 0.25]
 * @see TA-Lib `TA_MACD`.
 */
export function macd(close: Float64Array, options?: z.input<typeof macdOptions>): MacdResult {
  const o = parseWith(macdOptions, options ?? {}, "MACD options");
  return runMacd(
    MacdCore.ema(o.fastPeriod, o.slowPeriod, o.signalPeriod, undefined, undefined, o.seed),
    close,
  );
}
