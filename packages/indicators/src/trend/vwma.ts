import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { driveBars } from "../util/drive.js";
import { WindowSum } from "../util/moments.js";
import { parseOptions, periodSchema } from "../util/options.js";

/** Options of {@link vwma} / {@link Vwma}. */
export const vwmaOptions = z
  .object({
    /** Window length in bars, 1…100000. Default 20. */
    period: periodSchema(1, 20),
  })
  .strict();
/** Options of {@link vwma} / {@link Vwma}. */
export type VwmaOptions = z.input<typeof vwmaOptions>;

/**
 * Volume-weighted moving average `VWMA_t = Σ c·v / Σ v` over the last `period` bars (running sums). A window with
 * zero total volume gives NaN (0/0), reported rather than filled. Lookback `period − 1`. Not in TA-Lib; checked
 * against pandas golden values.
 *
 * @param bars - `{ close, volume }` columns.
 * @param options - `{ period = 20 }`.
 * @example
 * vwma({ close: new Float64Array([1, 2]), volume: new Float64Array([1, 3]) }, { period: 2 }); // → [NaN, 1.75]
 * @see https://www.tradingview.com/support/solutions/43000592293-volume-weighted-moving-average-vwma/
 */
export function vwma(
  bars: { readonly close: Float64Array; readonly volume: Float64Array },
  options?: VwmaOptions,
): Float64Array {
  return driveBars(new Vwma(options), bars);
}

/**
 * Streaming {@link vwma} (reads `close` and `volume` of each bar).
 *
 * @example
 * const v = new Vwma({ period: 2 }); v.update({ high: 1, low: 1, close: 1, volume: 1 }); // → NaN
 * @see TradingView VWMA
 */
export class Vwma implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly pv: WindowSum;
  private readonly v: WindowSum;
  private cur = Number.NaN;

  /** @param options - `{ period = 20 }`. */
  constructor(options?: VwmaOptions) {
    const { period } = parseOptions(vwmaOptions, options, "VWMA");
    this.pv = new WindowSum(period);
    this.v = new WindowSum(period);
    this.lookback = period - 1;
  }

  update(bar: BarInput): number {
    const vol = bar.volume as number;
    const a = this.pv.push(bar.close * vol);
    const b = this.v.push(vol);
    if (!this.v.isFull) return Number.NaN;
    this.cur = a / b;
    return this.cur;
  }

  peek(bar: BarInput): number {
    const vol = bar.volume as number;
    return this.pv.peek(bar.close * vol) / this.v.peek(vol);
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.v.isFull;
  }

  reset(): void {
    this.pv.reset();
    this.v.reset();
    this.cur = Number.NaN;
  }
}
