import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { parseOptions, periodSchema } from "../util/options.js";

/** Options of {@link ema} / {@link Ema}. */
export const emaOptions = z
  .object({
    /** Smoothing period in bars, 2…100000; `k = 2 / (period + 1)`. Default 30 (TA-Lib). */
    period: periodSchema(2, 30),
    /**
     * Seeding. `"sma"` (default, TA-Lib): the first output, at index `period − 1`, is the SMA of the first `period`
     * values. `"first"` (pandas `ewm(span=period, adjust=False)`, Tulip, MetaStock): the first output is `x_0` at
     * index 0.
     */
    seed: z.enum(["sma", "first"]).default("sma"),
  })
  .strict();
/** Options of {@link ema} / {@link Ema}. */
export type EmaOptions = z.input<typeof emaOptions>;

/**
 * Exponential moving average `EMA_t = EMA_{t−1} + k·(x_t − EMA_{t−1})`, `k = 2/(period+1)`, evaluated as TA-Lib
 * does (`(x − prev)·k + prev`). Seeding: SMA of the first `period` values (TA-Lib) or the first value
 * (`seed: "first"`). Lookback `period − 1` with `seed: "sma"`, 0 with `seed: "first"`. NaN inputs propagate (a NaN
 * stays in the recursion).
 *
 * @param close - input column.
 * @param options - `{ period = 30, seed = "sma" }`.
 * @example
 * ema(new Float64Array([1, 2, 3, 4]), { period: 3 }); // → [NaN, NaN, 2, 3]
 * ema(new Float64Array([1, 2, 3]), { period: 3, seed: "first" }); // → [1, 1.5, 2.25]
 * @see TA-Lib `TA_EMA` (ta_EMA.c); pandas `DataFrame.ewm(adjust=False)`
 */
export function ema(close: Float64Array, options?: EmaOptions): Float64Array {
  const o = parseOptions(emaOptions, options, "EMA");
  const p = o.period;
  const k = 2 / (p + 1);
  const n = close.length;
  const out = new Float64Array(n);
  out.fill(Number.NaN, 0, Math.min(o.seed === "sma" ? p - 1 : 0, n));
  if (n === 0) return out;
  let prev: number;
  let start: number;
  if (o.seed === "sma") {
    if (n < p) return out;
    let sum = 0;
    for (let i = 0; i < p; i++) sum += close[i]!;
    prev = sum / p;
    out[p - 1] = prev;
    start = p;
  } else {
    prev = close[0]!;
    out[0] = prev;
    start = 1;
  }
  for (let i = start; i < n; i++) {
    prev = (close[i]! - prev) * k + prev;
    out[i] = prev;
  }
  return out;
}

/**
 * Streaming {@link ema}, bit-identical to the vectorized function.
 *
 * @example
 * const e = new Ema({ period: 3 }); [1, 2, 3, 4].map((x) => e.update(x)); // → [NaN, NaN, 2, 3]
 * @see TA-Lib `TA_EMA`
 */
export class Ema implements StreamingIndicator<number> {
  readonly period: number;
  readonly lookback: number;
  /** The smoothing factor `2 / (period + 1)`. */
  readonly k: number;
  private readonly seedFirst: boolean;
  private count = 0;
  private sum = 0;
  private cur = Number.NaN;
  private ready = false;

  /** @param options - `{ period = 30, seed = "sma" }`. */
  constructor(options?: EmaOptions) {
    const o = parseOptions(emaOptions, options, "EMA");
    this.period = o.period;
    this.seedFirst = o.seed === "first";
    this.lookback = this.seedFirst ? 0 : o.period - 1;
    this.k = 2 / (o.period + 1);
  }

  update(x: number): number {
    if (this.ready) {
      const prev = this.cur;
      this.cur = (x - prev) * this.k + prev;
      return this.cur;
    }
    return this.warmUp(x);
  }

  private warmUp(x: number): number {
    const c = this.count;
    this.count = c + 1;
    if (this.seedFirst) {
      this.ready = true;
      this.cur = x;
      return x;
    }
    this.sum += x;
    if (c < this.lookback) return Number.NaN;
    this.ready = true;
    this.cur = this.sum / this.period;
    return this.cur;
  }

  peek(x: number): number {
    const c = this.count;
    if (this.ready) return (x - this.cur) * this.k + this.cur;
    if (this.seedFirst) return x;
    if (c < this.lookback) return Number.NaN;
    return (this.sum + x) / this.period;
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.ready;
  }

  reset(): void {
    this.count = 0;
    this.sum = 0;
    this.cur = Number.NaN;
    this.ready = false;
  }
}
