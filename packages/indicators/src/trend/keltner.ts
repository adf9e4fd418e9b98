import { z } from "zod";
import type { BarInput, HlcColumns, StreamingIndicator } from "../indicator.js";
import { forEachBar } from "../util/drive.js";
import { nanArray, nonNegativeSchema, parseOptions, periodSchema } from "../util/options.js";
import { Atr } from "../volatility/atr.js";
import { Ema } from "./ema.js";

/** Options of {@link keltner} / {@link Keltner}. */
export const keltnerOptions = z
  .object({
    /** EMA period of the middle line (close), 2…100000. Default 20. */
    period: periodSchema(2, 20),
    /** ATR period of the band width, 1…100000. Default 10. */
    atrPeriod: periodSchema(1, 10),
    /** Band width in ATRs. Default 2. */
    multiplier: nonNegativeSchema(2),
  })
  .strict();
/** Options of {@link keltner} / {@link Keltner}. */
export type KeltnerOptions = z.input<typeof keltnerOptions>;

/** Outputs of {@link keltner}. */
export interface KeltnerResult {
  readonly upper: Float64Array;
  readonly middle: Float64Array;
  readonly lower: Float64Array;
}

/**
 * Keltner Channels (Raschke's modern form): `middle = EMA(close, period)` (SMA-seeded, TA-Lib convention),
 * `upper/lower = middle ± multiplier·ATR(atrPeriod)` (Wilder ATR, SMA-seeded). All three outputs start together at
 * lookback `max(period − 1, atrPeriod)`. Not in TA-Lib; checked against pandas golden values.
 *
 * @param bars - `{ high, low, close }` columns.
 * @param options - `{ period = 20, atrPeriod = 10, multiplier = 2 }`.
 * @example
 * keltner(bars).upper; // NaN for the first 19 bars
 * @see Keltner, C. (1960). How to Make Money in Commodities; https://school.stockcharts.com/doku.php?id=technical_indicators:keltner_channels
 */
export function keltner(bars: HlcColumns, options?: KeltnerOptions): KeltnerResult {
  const k = new Keltner(options);
  const n = bars.close.length;
  const upper = nanArray(n);
  const middle = nanArray(n);
  const lower = nanArray(n);
  forEachBar(bars, (i, bar) => {
    k.update(bar);
    upper[i] = k.upper;
    middle[i] = k.middle;
    lower[i] = k.lower;
  });
  return { upper, middle, lower };
}

/**
 * Streaming {@link keltner}: `update` returns the middle line; `upper`/`lower` are getters.
 *
 * @example
 * const k = new Keltner(); for (const bar of bars) k.update(bar); k.upper;
 * @see StockCharts, Keltner Channels
 */
export class Keltner implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly ema: Ema;
  private readonly atr: Atr;
  private readonly mult: number;
  private mid = Number.NaN;
  private hi = Number.NaN;
  private lo = Number.NaN;
  private ready = false;

  /** @param options - `{ period = 20, atrPeriod = 10, multiplier = 2 }`. */
  constructor(options?: KeltnerOptions) {
    const o = parseOptions(keltnerOptions, options, "Keltner");
    this.ema = new Ema({ period: o.period });
    this.atr = new Atr({ period: o.atrPeriod });
    this.mult = o.multiplier;
    this.lookback = Math.max(o.period - 1, o.atrPeriod);
  }

  update(bar: BarInput): number {
    const m = this.ema.update(bar.close);
    const a = this.atr.update(bar);
    if (!this.ema.isReady || !this.atr.isReady) return Number.NaN;
    this.ready = true;
    this.mid = m;
    this.hi = m + this.mult * a;
    this.lo = m - this.mult * a;
    return m;
  }

  peek(bar: BarInput): number {
    const m = this.ema.peek(bar.close);
    const a = this.atr.peek(bar);
    return Number.isNaN(a) ? Number.NaN : m;
  }

  /** Middle line (EMA of close). */
  get value(): number {
    return this.mid;
  }

  /** Middle line (EMA of close). */
  get middle(): number {
    return this.mid;
  }

  /** Upper band. */
  get upper(): number {
    return this.hi;
  }

  /** Lower band. */
  get lower(): number {
    return this.lo;
  }

  get isReady(): boolean {
    return this.ready;
  }

  reset(): void {
    this.ema.reset();
    this.atr.reset();
    this.mid = this.hi = this.lo = Number.NaN;
    this.ready = false;
  }
}
