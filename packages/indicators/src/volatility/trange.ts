import { z } from "zod";
import type { BarInput, HlcColumns, StreamingIndicator } from "../indicator.js";
import { parseOptions } from "../util/options.js";
import { trueRange } from "./internal/trueRange.js";

/** Options of {@link trange} (none). */
export const trangeOptions = z.object({}).strict();
/** Options of {@link trange} (none). */
export type TrangeOptions = z.input<typeof trangeOptions>;

/**
 * True range `TR_t = max(h_t − l_t, |h_t − c_{t−1}|, |l_t − c_{t−1}|)` (Wilder), computed as the equal
 * `max(h_t, c_{t−1}) − min(l_t, c_{t−1})` (one rounding, so bit-identical to the three-term form whenever h ≥ l).
 * Lookback 1 (as TA-Lib: the first bar has no previous close and is NaN). NaN in any input gives NaN
 * (`Math.max`/`Math.min` semantics; TA-Lib's comparisons would silently ignore a NaN previous close).
 *
 * @param bars - `{ high, low, close }` columns (a `Bars` object fits).
 * @example
 * trange({ high: new Float64Array([10, 12]), low: new Float64Array([9, 11]), close: new Float64Array([9.5, 11.5]) });
 * // → [NaN, 2.5]
 * @see TA-Lib `TA_TRANGE`; Wilder, J. W. (1978). New Concepts in Technical Trading Systems.
 */
export function trange(bars: HlcColumns, options?: TrangeOptions): Float64Array {
  parseOptions(trangeOptions, options, "TRANGE");
  const { high, low, close } = bars;
  const n = close.length;
  const out = new Float64Array(n);
  out.fill(Number.NaN, 0, Math.min(1, n));
  for (let i = 1; i < n; i++) {
    out[i] = trueRange(high[i]!, low[i]!, close[i - 1]!);
  }
  return out;
}

/**
 * Streaming {@link trange}.
 *
 * @example
 * const t = new Trange(); t.update({ high: 10, low: 9, close: 9.5 }); t.update({ high: 12, low: 11, close: 11.5 }); // → 2.5
 * @see TA-Lib `TA_TRANGE`
 */
export class Trange implements StreamingIndicator<BarInput> {
  readonly lookback = 1;
  private prevClose = Number.NaN;
  private count = 0;
  private cur = Number.NaN;

  /** @param options - none. */
  constructor(options?: TrangeOptions) {
    parseOptions(trangeOptions, options, "TRANGE");
  }

  update(bar: BarInput): number {
    const pc = this.prevClose;
    this.prevClose = bar.close;
    if (this.count === 0) {
      this.count = 1;
      return Number.NaN;
    }
    this.count = 2;
    this.cur = trueRange(bar.high, bar.low, pc);
    return this.cur;
  }

  peek(bar: BarInput): number {
    if (this.count === 0) return Number.NaN;
    const pc = this.prevClose;
    return trueRange(bar.high, bar.low, pc);
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.count > 1;
  }

  reset(): void {
    this.prevClose = Number.NaN;
    this.count = 0;
    this.cur = Number.NaN;
  }
}
