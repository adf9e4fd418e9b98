import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";
import { isZero } from "./internal/talibMath.js";

/** Options of {@link rsi} / {@link Rsi}: `period` (bars, integer ≥ 2, default 14). */
export const rsiOptions = z.object({ period: period(14) }).strict();
/** Parsed RSI options. */
export type RsiOptions = z.output<typeof rsiOptions>;

/**
 * Streaming Relative Strength Index (Wilder): `RSI = 100·avgGain/(avgGain+avgLoss)`, where the average gain and
 * loss are seeded with the simple mean of the first `period` changes and then Wilder-smoothed
 * (`avg = (avg·(period−1) + change)/period`, computed as TA-Lib does: multiply, add, divide). When
 * `avgGain + avgLoss` is (TA-Lib-)zero the value is 0. Lookback `period`; a NaN input makes every later output NaN
 * (recursive state) until `reset()`.
 *
 * @param options - `{ period = 14 }`.
 * @example
 * const r = new Rsi({ period: 2 });
 * [1, 2, 3, 2].map((x) => r.update(x)); // → [NaN, NaN, 100, 50]
 * @see TA-Lib `TA_RSI` (ta_RSI.c); J. Welles Wilder, New Concepts in Technical Trading Systems (1978).
 */
export class Rsi implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly period: number;
  private count = 0;
  private prev = 0;
  private gain = 0;
  private loss = 0;
  private out = Number.NaN;

  constructor(options?: z.input<typeof rsiOptions>) {
    this.period = parseWith(rsiOptions, options ?? {}, "RSI options").period;
    this.lookback = this.period;
  }

  update(x: number): number {
    const p = this.period;
    const c = this.count;
    if (c === 0) {
      this.prev = x;
      this.count = 1;
      return Number.NaN;
    }
    const d = x - this.prev;
    this.prev = x;
    if (c > p) {
      // TA-Lib's `loss *= p−1; if (d < 0) loss −= d; else gain += d; loss /= p` (and gain alike), written without
      // the data-dependent branch: (|d| − d)/2 is exactly −d for d < 0 and +0 otherwise, (d + |d|)/2 exactly d
      // for d > 0 and +0 otherwise, and adding +0 changes nothing, so the result is bit-identical to TA-Lib.
      const a = Math.abs(d);
      this.loss = (this.loss * (p - 1) + (a - d) * 0.5) / p;
      this.gain = (this.gain * (p - 1) + (d + a) * 0.5) / p;
    } else {
      if (d < 0) this.loss -= d;
      else this.gain += d;
      this.count = c + 1;
      if (c < p) return Number.NaN;
      this.loss /= p;
      this.gain /= p;
    }
    const s = this.gain + this.loss;
    this.out = isZero(s) ? 0 : 100 * (this.gain / s);
    return this.out;
  }

  peek(x: number): number {
    return shadowOf(this).update(x);
  }

  get value(): number {
    return this.out;
  }

  get isReady(): boolean {
    return this.count > this.period;
  }

  reset(): void {
    this.count = 0;
    this.prev = 0;
    this.gain = 0;
    this.loss = 0;
    this.out = Number.NaN;
  }
}

/**
 * Relative Strength Index over a column (see {@link Rsi} for the formula and seeding).
 *
 * @param close - input series.
 * @param options - `{ period = 14 }`.
 * @returns a new Float64Array the length of `close`, NaN for the first `period` entries.
 * @example
 * rsi(Float64Array.of(1, 2, 3, 2), { period: 2 }); // → [NaN, NaN, 100, 50]
 * @see TA-Lib `TA_RSI`.
 */
export function rsi(close: Float64Array, options?: z.input<typeof rsiOptions>): Float64Array {
  const p = parseWith(rsiOptions, options ?? {}, "RSI options").period;
  const n = close.length;
  const out = new Float64Array(n);
  // The same arithmetic as {@link Rsi.update} (bit-identical, checked by the streaming == vectorized property), in
  // one loop over locals: the class's per-step field loads and stores cost ~30% at 1M points.
  const seedEnd = Math.min(p, n - 1);
  out.fill(Number.NaN, 0, Math.min(p, n));
  if (n <= p) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= seedEnd; i++) {
    const d = close[i]! - close[i - 1]!;
    if (d < 0) loss -= d;
    else gain += d;
  }
  loss /= p;
  gain /= p;
  let s = gain + loss;
  out[p] = isZero(s) ? 0 : 100 * (gain / s);
  const q = p - 1;
  let prev = close[p]!;
  for (let i = p + 1; i < n; i++) {
    const x = close[i]!;
    const d = x - prev;
    prev = x;
    const a = Math.abs(d);
    loss = (loss * q + (a - d) * 0.5) / p;
    gain = (gain * q + (d + a) * 0.5) / p;
    s = gain + loss;
    out[i] = isZero(s) ? 0 : 100 * (gain / s);
  }
  return out;
}
