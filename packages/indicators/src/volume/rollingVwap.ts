import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { period } from "../momentum/internal/options.js";
import { shadowOf } from "../momentum/internal/peek.js";
import { RollingSum } from "../momentum/internal/rollingSum.js";
import type { HlcvColumns } from "../momentum/mfi.js";

/** Price used by VWAP: the typical price `(high+low+close)/3` (default) or the close. */
export const vwapPrice = z.enum(["typical", "close"]);

/** Options of {@link rollingVwap} / {@link RollingVwap}: `period` (bars, default 20), `price` ("typical"). */
export const rollingVwapOptions = z
  .object({ period: period(20, 1), price: vwapPrice.default("typical") })
  .strict();
/** Parsed rolling-VWAP options. */
export type RollingVwapOptions = z.output<typeof rollingVwapOptions>;

/**
 * Streaming rolling VWAP: `Σ price·volume / Σ volume` over the last `period` bars, price = typical price
 * `(high+low+close)/3` or close. Neumaier-compensated window sums; zero total volume gives NaN; a NaN bar gives NaN
 * while inside the window. Lookback `period − 1`. Checked against a pandas golden file (TA-Lib has no VWAP).
 *
 * @param options - `{ period = 20, price = "typical" }`.
 * @example
 * const v = new RollingVwap({ period: 2, price: "close" });
 * v.update({ high: 10, low: 10, close: 10, volume: 1 }); v.update({ high: 13, low: 13, close: 13, volume: 2 }); // → 12
 * @see https://en.wikipedia.org/wiki/Volume-weighted_average_price
 */
export class RollingVwap implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly typical: boolean;
  private readonly pv: RollingSum;
  private readonly v: RollingSum;
  private out = Number.NaN;
  constructor(options?: z.input<typeof rollingVwapOptions>) {
    const o = parseWith(rollingVwapOptions, options ?? {}, "rolling VWAP options");
    this.typical = o.price === "typical";
    this.pv = new RollingSum(o.period);
    this.v = new RollingSum(o.period);
    this.lookback = o.period - 1;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number, volume: number): number {
    const p = this.typical ? (high + low + close) / 3 : close;
    this.pv.push(p * volume);
    this.v.push(volume);
    if (this.v.n <= this.lookback) return Number.NaN;
    this.out = this.pv.sum / this.v.sum;
    return this.out;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low, bar.close, bar.volume ?? Number.NaN);
  }
  peek(bar: BarInput): number {
    return shadowOf(this).update(bar);
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.v.n > this.lookback;
  }
  reset(): void {
    this.pv.reset();
    this.v.reset();
    this.out = Number.NaN;
  }
}

/**
 * Rolling VWAP over bar columns (see {@link RollingVwap}).
 *
 * @param bars - `{ high, low, close, volume }` columns.
 * @param options - `{ period = 20, price = "typical" }`.
 * @example
 * rollingVwap(bars, { period: 20 }); // NaN for the first 19 entries
 * @see https://en.wikipedia.org/wiki/Volume-weighted_average_price
 */
export function rollingVwap(bars: HlcvColumns, options?: z.input<typeof rollingVwapOptions>): Float64Array {
  const core = new RollingVwap(options);
  const { high, low, close, volume } = bars;
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.step(high[i]!, low[i]!, close[i]!, volume[i]!);
  return out;
}
