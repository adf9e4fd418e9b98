import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { RollingExtremum } from "../util/deque.js";
import { forEachBar } from "../util/drive.js";
import { nanArray, parseOptions, periodSchema } from "../util/options.js";
import { RingBuffer } from "../util/ring.js";

/** Options of {@link ichimoku} / {@link Ichimoku}. */
export const ichimokuOptions = z
  .object({
    /** Conversion line (tenkan-sen) period. Default 9. */
    tenkanPeriod: periodSchema(1, 9),
    /** Base line (kijun-sen) period. Default 26. */
    kijunPeriod: periodSchema(1, 26),
    /** Leading span B (senkou span B) period. Default 52. */
    senkouBPeriod: periodSchema(1, 52),
    /** Forward displacement of the cloud in bars. Default 26. */
    displacement: periodSchema(1, 26),
  })
  .strict();
/** Options of {@link ichimoku} / {@link Ichimoku}. */
export type IchimokuOptions = z.input<typeof ichimokuOptions>;

/** Outputs of {@link ichimoku}, all aligned to the bar at which they are plotted and known. */
export interface IchimokuResult {
  readonly tenkan: Float64Array;
  readonly kijun: Float64Array;
  readonly senkouA: Float64Array;
  readonly senkouB: Float64Array;
}

/**
 * Ichimoku Kinkō Hyō without look-ahead: `tenkan = (max high + min low)/2` over `tenkanPeriod`, `kijun` likewise
 * over `kijunPeriod`; the cloud at bar t is what was projected `displacement` bars earlier:
 * `senkouA_t = (tenkan + kijun)/2` at `t − displacement`, `senkouB_t = (max high + min low)/2` over `senkouBPeriod`
 * at `t − displacement` (pandas `.shift(displacement)`). The chikou span (close plotted backwards) is not an
 * indicator value at t and is omitted: use `close`. Lookbacks: tenkan `tenkanPeriod − 1`, kijun `kijunPeriod − 1`,
 * senkouA `max(tenkan, kijun lookback) + displacement`, senkouB `senkouBPeriod − 1 + displacement`.
 *
 * @param bars - `{ high, low }` columns.
 * @param options - `{ tenkanPeriod = 9, kijunPeriod = 26, senkouBPeriod = 52, displacement = 26 }`.
 * @example
 * ichimoku(bars).senkouB; // NaN for the first 77 bars
 * @see Hosoda, G. (1969); https://school.stockcharts.com/doku.php?id=technical_indicators:ichimoku_cloud
 */
export function ichimoku(
  bars: { readonly high: Float64Array; readonly low: Float64Array },
  options?: IchimokuOptions,
): IchimokuResult {
  const ind = new Ichimoku(options);
  const n = bars.high.length;
  const tenkan = nanArray(n);
  const kijun = nanArray(n);
  const senkouA = nanArray(n);
  const senkouB = nanArray(n);
  forEachBar(bars, (i, bar) => {
    tenkan[i] = ind.update(bar);
    kijun[i] = ind.kijun;
    senkouA[i] = ind.senkouA;
    senkouB[i] = ind.senkouB;
  });
  return { tenkan, kijun, senkouA, senkouB };
}

function mid(hi: RollingExtremum, lo: RollingExtremum, period: number): number {
  return hi.pushed >= period ? (hi.value + lo.value) / 2 : Number.NaN;
}

/**
 * Streaming {@link ichimoku}: `update` returns tenkan; `kijun`, `senkouA`, `senkouB` are getters.
 *
 * @example
 * const ich = new Ichimoku(); for (const bar of bars) ich.update(bar); ich.senkouA;
 * @see StockCharts, Ichimoku Cloud
 */
export class Ichimoku implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly o: z.output<typeof ichimokuOptions>;
  private readonly tH: RollingExtremum;
  private readonly tL: RollingExtremum;
  private readonly kH: RollingExtremum;
  private readonly kL: RollingExtremum;
  private readonly bH: RollingExtremum;
  private readonly bL: RollingExtremum;
  private readonly aQueue: RingBuffer;
  private readonly bQueue: RingBuffer;
  private t = Number.NaN;
  private k = Number.NaN;
  private a = Number.NaN;
  private b = Number.NaN;

  /** @param options - `{ tenkanPeriod = 9, kijunPeriod = 26, senkouBPeriod = 52, displacement = 26 }`. */
  constructor(options?: IchimokuOptions) {
    const o = parseOptions(ichimokuOptions, options, "Ichimoku");
    this.o = o;
    this.tH = new RollingExtremum(o.tenkanPeriod, "max");
    this.tL = new RollingExtremum(o.tenkanPeriod, "min");
    this.kH = new RollingExtremum(o.kijunPeriod, "max");
    this.kL = new RollingExtremum(o.kijunPeriod, "min");
    this.bH = new RollingExtremum(o.senkouBPeriod, "max");
    this.bL = new RollingExtremum(o.senkouBPeriod, "min");
    this.aQueue = new RingBuffer(o.displacement);
    this.bQueue = new RingBuffer(o.displacement);
    this.lookback = o.tenkanPeriod - 1;
  }

  update(bar: BarInput): number {
    const o = this.o;
    this.tH.push(bar.high);
    this.tL.push(bar.low);
    this.kH.push(bar.high);
    this.kL.push(bar.low);
    this.bH.push(bar.high);
    this.bL.push(bar.low);
    this.t = mid(this.tH, this.tL, o.tenkanPeriod);
    this.k = mid(this.kH, this.kL, o.kijunPeriod);
    this.a = this.aQueue.push((this.t + this.k) / 2);
    this.b = this.bQueue.push(mid(this.bH, this.bL, o.senkouBPeriod));
    return this.t;
  }

  peek(bar: BarInput): number {
    if (this.tH.pushed + 1 < this.o.tenkanPeriod) return Number.NaN;
    return (this.tH.peek(bar.high) + this.tL.peek(bar.low)) / 2;
  }

  /** Conversion line. */
  get value(): number {
    return this.t;
  }

  /** Conversion line (tenkan-sen). */
  get tenkan(): number {
    return this.t;
  }

  /** Base line (kijun-sen). */
  get kijun(): number {
    return this.k;
  }

  /** Leading span A as plotted at the current bar (projected `displacement` bars ago). */
  get senkouA(): number {
    return this.a;
  }

  /** Leading span B as plotted at the current bar (projected `displacement` bars ago). */
  get senkouB(): number {
    return this.b;
  }

  get isReady(): boolean {
    return this.tH.pushed >= this.o.tenkanPeriod;
  }

  reset(): void {
    for (const r of [this.tH, this.tL, this.kH, this.kL, this.bH, this.bL]) r.reset();
    this.aQueue.reset();
    this.bQueue.reset();
    this.t = this.k = this.a = this.b = Number.NaN;
  }
}
