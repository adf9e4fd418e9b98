import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { RollingExtremum } from "../util/deque.js";
import { forEachBar } from "../util/drive.js";
import { nanArray, parseOptions, periodSchema } from "../util/options.js";

/** Options of {@link donchian} / {@link Donchian}. */
export const donchianOptions = z
  .object({
    /** Window length in bars (including the current bar), 1…100000. Default 20. */
    period: periodSchema(1, 20),
  })
  .strict();
/** Options of {@link donchian} / {@link Donchian}. */
export type DonchianOptions = z.input<typeof donchianOptions>;

/** Outputs of {@link donchian}. */
export interface DonchianResult {
  readonly upper: Float64Array;
  readonly middle: Float64Array;
  readonly lower: Float64Array;
}

/**
 * Donchian Channels: `upper = max(high)` and `lower = min(low)` over the last `period` bars **including the current
 * one** (pandas `rolling(period)`; shift by one bar yourself for breakout rules), `middle = (upper + lower)/2`.
 * O(1) amortized per bar with monotonic deques. Lookback `period − 1`. A NaN bar gives NaN while it is in the window.
 *
 * @param bars - `{ high, low }` columns.
 * @param options - `{ period = 20 }`.
 * @example
 * donchian({ high: new Float64Array([2, 3, 1]), low: new Float64Array([1, 2, 0]) }, { period: 2 }).upper; // → [NaN, 3, 3]
 * @see Donchian, R. (1960); https://school.stockcharts.com/doku.php?id=technical_indicators:price_channels
 */
export function donchian(
  bars: { readonly high: Float64Array; readonly low: Float64Array },
  options?: DonchianOptions,
): DonchianResult {
  const d = new Donchian(options);
  const n = bars.high.length;
  const upper = nanArray(n);
  const middle = nanArray(n);
  const lower = nanArray(n);
  forEachBar(bars, (i, bar) => {
    middle[i] = d.update(bar);
    upper[i] = d.upper;
    lower[i] = d.lower;
  });
  return { upper, middle, lower };
}

/**
 * Streaming {@link donchian}: `update` returns the middle line; `upper`/`lower` are getters.
 *
 * @example
 * const d = new Donchian({ period: 20 }); for (const bar of bars) d.update(bar); d.upper;
 * @see StockCharts, Price Channels
 */
export class Donchian implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly hi: RollingExtremum;
  private readonly lo: RollingExtremum;
  private count = 0;
  private u = Number.NaN;
  private m = Number.NaN;
  private l = Number.NaN;

  /** @param options - `{ period = 20 }`. */
  constructor(options?: DonchianOptions) {
    const { period } = parseOptions(donchianOptions, options, "Donchian");
    this.hi = new RollingExtremum(period, "max");
    this.lo = new RollingExtremum(period, "min");
    this.lookback = period - 1;
  }

  update(bar: BarInput): number {
    const u = this.hi.push(bar.high);
    const l = this.lo.push(bar.low);
    if (this.count < this.lookback) {
      this.count++;
      return Number.NaN;
    }
    this.count = this.lookback + 1;
    this.u = u;
    this.l = l;
    this.m = (u + l) / 2;
    return this.m;
  }

  peek(bar: BarInput): number {
    if (this.count < this.lookback) return Number.NaN;
    return (this.hi.peek(bar.high) + this.lo.peek(bar.low)) / 2;
  }

  /** Middle line. */
  get value(): number {
    return this.m;
  }

  /** Middle line. */
  get middle(): number {
    return this.m;
  }

  /** Highest high of the window. */
  get upper(): number {
    return this.u;
  }

  /** Lowest low of the window. */
  get lower(): number {
    return this.l;
  }

  get isReady(): boolean {
    return this.count > this.lookback;
  }

  reset(): void {
    this.hi.reset();
    this.lo.reset();
    this.count = 0;
    this.u = this.m = this.l = Number.NaN;
  }
}
