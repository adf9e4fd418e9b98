import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";
import { isZero } from "./internal/talibMath.js";

/** Options of {@link cmo} / {@link Cmo}: `period` (bars, integer ≥ 2, default 14). */
export const cmoOptions = z.object({ period: period(14) }).strict();
/** Parsed CMO options. */
export type CmoOptions = z.output<typeof cmoOptions>;

/**
 * Streaming Chande Momentum Oscillator as TA-Lib computes it: `CMO = 100·(avgGain − avgLoss)/(avgGain + avgLoss)`
 * with the same Wilder-smoothed averages as {@link Rsi} (seeded with the mean of the first `period` changes), not
 * Chande's plain sums; 0 when the denominator is TA-Lib-zero. Range [−100, 100]. Lookback `period`.
 *
 * @param options - `{ period = 14 }`.
 * @example
 * const c = new Cmo({ period: 2 });
 * [1, 2, 3, 2].map((x) => c.update(x)); // → [NaN, NaN, 100, 0]
 * @see TA-Lib `TA_CMO` (ta_CMO.c); Tushar Chande & Stanley Kroll, The New Technical Trader (1994).
 */
export class Cmo implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly period: number;
  private count = 0;
  private prev = 0;
  private gain = 0;
  private loss = 0;
  private out = Number.NaN;

  constructor(options?: z.input<typeof cmoOptions>) {
    this.period = parseWith(cmoOptions, options ?? {}, "CMO options").period;
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
    this.out = isZero(s) ? 0 : 100 * ((this.gain - this.loss) / s);
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
 * Chande Momentum Oscillator over a column (see {@link Cmo}).
 *
 * @param close - input series.
 * @param options - `{ period = 14 }`.
 * @example
 * cmo(Float64Array.of(1, 2, 3, 2), { period: 2 }); // → [NaN, NaN, 100, 0]
 * @see TA-Lib `TA_CMO`.
 */
export function cmo(close: Float64Array, options?: z.input<typeof cmoOptions>): Float64Array {
  const core = new Cmo(options);
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.update(close[i]!);
  return out;
}
