import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, HlcColumns, StreamingIndicator } from "../indicator.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";
import { isZero } from "./internal/talibMath.js";

/** Options of {@link ultOsc} / {@link UltOsc}: `period1` (7), `period2` (14), `period3` (28), bars. */
export const ultOscOptions = z
  .object({ period1: period(7, 1), period2: period(14, 1), period3: period(28, 1) })
  .strict();
/** Parsed Ultimate Oscillator options. */
export type UltOscOptions = z.output<typeof ultOscOptions>;

/**
 * Streaming Ultimate Oscillator (Williams): with buying pressure `bp = close − min(low, prevClose)` and true range
 * `tr`, `UO = 100·(4·A₁ + 2·A₂ + A₃)/7` where `Aᵢ = Σbp/Σtr` over the i-th shortest period (TA-Lib sorts the
 * three periods; a term with a TA-Lib-zero `Σtr` is dropped). Sums are running sums started where TA-Lib starts
 * them. Lookback `max(period1, period2, period3)`.
 *
 * @param options - `{ period1 = 7, period2 = 14, period3 = 28 }`.
 * @example
 * new UltOsc().lookback; // → 28
 * @see TA-Lib `TA_ULTOSC` (ta_ULTOSC.c); Larry Williams, "The Ultimate Oscillator" (1985).
 */
export class UltOsc implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly p: Float64Array;
  private readonly bp: Float64Array;
  private readonly tr: Float64Array;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private idx = 0;
  private n = 0;
  private prevClose = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof ultOscOptions>) {
    const o = parseWith(ultOscOptions, options ?? {}, "ULTOSC options");
    this.p = Float64Array.of(o.period1, o.period2, o.period3).sort();
    const max = this.p[2]!;
    this.lookback = max;
    this.bp = new Float64Array(max);
    this.tr = new Float64Array(max);
    this.a = new Float64Array(3);
    this.b = new Float64Array(3);
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number): number {
    const i = this.n++;
    const prevClose = this.prevClose;
    this.prevClose = close;
    if (i === 0) return Number.NaN;
    // biome-ignore lint/complexity/useMathMinMax: TA-Lib's min() macro, kept for identical tie/NaN behaviour.
    const trueLow = low < prevClose ? low : prevClose;
    const bp = close - trueLow;
    let tr = high - low;
    const t1 = Math.abs(prevClose - high);
    if (t1 > tr) tr = t1;
    const t2 = Math.abs(prevClose - low);
    if (t2 > tr) tr = t2;
    if (Number.isNaN(bp)) tr = Number.NaN;
    const max = this.lookback;
    const slot = this.idx;
    this.bp[slot] = bp;
    this.tr[slot] = tr;
    this.idx = slot + 1 === max ? 0 : slot + 1;
    const a = this.a;
    const b = this.b;
    for (let k = 0; k < 3; k++) {
      if (i >= max - this.p[k]! + 1) {
        a[k] = a[k]! + bp;
        b[k] = b[k]! + tr;
      }
    }
    if (i < max) return Number.NaN;
    let output = 0.0;
    if (!isZero(b[0]!)) output += 4.0 * (a[0]! / b[0]!);
    if (!isZero(b[1]!)) output += 2.0 * (a[1]! / b[1]!);
    if (!isZero(b[2]!)) output += a[2]! / b[2]!;
    this.out = 100.0 * (output / 7.0);
    for (let k = 0; k < 3; k++) {
      // trailing bar i − p + 1 sits p − 1 slots behind the newest one
      let j = slot - (this.p[k]! - 1);
      if (j < 0) j += max;
      a[k] = a[k]! - this.bp[j]!;
      b[k] = b[k]! - this.tr[j]!;
    }
    return this.out;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low, bar.close);
  }
  peek(bar: BarInput): number {
    return shadowOf(this).update(bar);
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.n > this.lookback;
  }
  reset(): void {
    this.bp.fill(0);
    this.tr.fill(0);
    this.a.fill(0);
    this.b.fill(0);
    this.idx = 0;
    this.n = 0;
    this.prevClose = 0;
    this.out = Number.NaN;
  }
}

/**
 * Ultimate Oscillator over bar columns (see {@link UltOsc}).
 *
 * @param bars - `{ high, low, close }` columns.
 * @param options - `{ period1 = 7, period2 = 14, period3 = 28 }`.
 * @example
 * ultOsc(bars); // NaN for the first 28 entries, then values in [0, 100]
 * @see TA-Lib `TA_ULTOSC`.
 */
export function ultOsc(bars: HlcColumns, options?: z.input<typeof ultOscOptions>): Float64Array {
  const core = new UltOsc(options);
  const { high, low, close } = bars;
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.step(high[i]!, low[i]!, close[i]!);
  return out;
}
