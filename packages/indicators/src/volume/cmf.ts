import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { period } from "../momentum/internal/options.js";
import { shadowOf } from "../momentum/internal/peek.js";
import { RollingSum } from "../momentum/internal/rollingSum.js";
import type { HlcvColumns } from "../momentum/mfi.js";

/** Options of {@link cmf} / {@link Cmf}: `period` (bars, integer ≥ 1, default 20). */
export const cmfOptions = z.object({ period: period(20, 1) }).strict();
/** Parsed CMF options. */
export type CmfOptions = z.output<typeof cmfOptions>;

/**
 * Streaming Chaikin Money Flow: `Σ mfv / Σ volume` over the last `period` bars, with money-flow volume
 * `mfv = ((close−low) − (high−close))/(high−low)·volume` (0 when `high = low`). Window sums are
 * Neumaier-compensated; a window with zero total volume gives NaN (0/0, as pandas). A NaN bar gives NaN while it is
 * inside the window. Lookback `period − 1`. TA-Lib has no CMF: checked against a pandas golden file.
 *
 * @param options - `{ period = 20 }`.
 * @example
 * const c = new Cmf({ period: 2 });
 * c.update({ high: 12, low: 8, close: 11, volume: 100 }); c.update({ high: 10, low: 8, close: 8, volume: 100 }); // → -0.25
 * @see Marc Chaikin; https://school.stockcharts.com/doku.php?id=technical_indicators:chaikin_money_flow_cmf
 */
export class Cmf implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly mfv: RollingSum;
  private readonly vol: RollingSum;
  private out = Number.NaN;
  constructor(options?: z.input<typeof cmfOptions>) {
    const p = parseWith(cmfOptions, options ?? {}, "CMF options").period;
    this.mfv = new RollingSum(p);
    this.vol = new RollingSum(p);
    this.lookback = p - 1;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number, volume: number): number {
    const r = high - low;
    const m =
      r > 0 ? ((close - low - (high - close)) / r) * volume : Number.isNaN(r) ? r : 0 * close * volume;
    this.mfv.push(m);
    this.vol.push(volume);
    if (this.vol.n <= this.lookback) return Number.NaN;
    this.out = this.mfv.sum / this.vol.sum;
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
    return this.vol.n > this.lookback;
  }
  reset(): void {
    this.mfv.reset();
    this.vol.reset();
    this.out = Number.NaN;
  }
}

/**
 * Chaikin Money Flow over bar columns (see {@link Cmf}).
 *
 * @param bars - `{ high, low, close, volume }` columns.
 * @param options - `{ period = 20 }`.
 * @example
 * cmf(bars, { period: 20 }); // NaN for the first 19 entries, then values in [−1, 1]
 * @see https://school.stockcharts.com/doku.php?id=technical_indicators:chaikin_money_flow_cmf
 */
export function cmf(bars: HlcvColumns, options?: z.input<typeof cmfOptions>): Float64Array {
  const core = new Cmf(options);
  const { high, low, close, volume } = bars;
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.step(high[i]!, low[i]!, close[i]!, volume[i]!);
  return out;
}
