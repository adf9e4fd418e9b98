import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, HlcColumns, StreamingIndicator } from "../indicator.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";

/** Options of {@link cci} / {@link Cci}: `period` (bars, default 14). */
export const cciOptions = z.object({ period: period(14) }).strict();
/** Parsed CCI options. */
export type CciOptions = z.output<typeof cciOptions>;

/**
 * Streaming Commodity Channel Index (Lambert): with typical price `tp = (high+low+close)/3`,
 * `CCI = (tp − mean(tp))/(0.015·meanAbsDev(tp))` over the last `period` bars, 0 when either factor is 0. The
 * mean and the mean absolute deviation are recomputed over the window each bar (O(period)), as TA-Lib does, so
 * there is no running-sum drift. Lookback `period − 1`.
 *
 * @param options - `{ period = 14 }`.
 * @example
 * new Cci({ period: 20 }).lookback; // → 19
 * @see TA-Lib `TA_CCI` (ta_CCI.c); Donald Lambert, Commodities magazine (1980).
 */
export class Cci implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly period: number;
  private readonly buf: Float64Array;
  private idx = 0;
  private n = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof cciOptions>) {
    this.period = parseWith(cciOptions, options ?? {}, "CCI options").period;
    this.buf = new Float64Array(this.period);
    this.lookback = this.period - 1;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number): number {
    const p = this.period;
    const tp = (high + low + close) / 3;
    const buf = this.buf;
    buf[this.idx] = tp;
    if (++this.idx === p) this.idx = 0;
    if (this.n++ < this.lookback) return Number.NaN;
    let sum = 0;
    for (let j = 0; j < p; j++) sum += buf[j]!;
    const avg = sum / p;
    let dev = 0;
    for (let j = 0; j < p; j++) dev += Math.abs(buf[j]! - avg);
    const num = tp - avg;
    this.out = num !== 0 && dev !== 0 ? num / (0.015 * (dev / p)) : 0;
    if (Number.isNaN(tp)) this.out = Number.NaN;
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
    this.buf.fill(0);
    this.idx = 0;
    this.n = 0;
    this.out = Number.NaN;
  }
}

/**
 * Commodity Channel Index over bar columns (see {@link Cci}).
 *
 * @param bars - `{ high, low, close }` columns.
 * @param options - `{ period = 14 }`.
 * @example
 * cci(bars, { period: 20 }); // NaN for the first 19 entries
 * @see TA-Lib `TA_CCI`.
 */
export function cci(bars: HlcColumns, options?: z.input<typeof cciOptions>): Float64Array {
  const core = new Cci(options);
  const { high, low, close } = bars;
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.step(high[i]!, low[i]!, close[i]!);
  return out;
}
