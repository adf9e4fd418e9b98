import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";

/** Options of {@link typPrice} / {@link TypPrice}: none. */
export const typPriceOptions = z.object({}).strict();

/**
 * Streaming typical price: `(high + low + close)/3`. Stateless, lookback 0; NaN fields give NaN.
 *
 * @example
 * new TypPrice().update({ high: 12, low: 8, close: 10 }); // → 10
 * @see TA-Lib `TA_TYPPRICE` (ta_TYPPRICE.c).
 */
export class TypPrice implements StreamingIndicator<BarInput> {
  readonly lookback = 0;
  private n = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof typPriceOptions>) {
    parseWith(typPriceOptions, options ?? {}, "TYPPRICE options");
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number): number {
    this.n++;
    this.out = (high + low + close) / 3.0;
    return this.out;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low, bar.close);
  }
  peek(bar: BarInput): number {
    const n = this.n;
    const out = this.out;
    const v = this.update(bar);
    this.n = n;
    this.out = out;
    return v;
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.n > 0;
  }
  reset(): void {
    this.n = 0;
    this.out = Number.NaN;
  }
}

/**
 * typical price over bar columns (see {@link TypPrice}).
 *
 * @param bars - `{ high, low, close }` columns.
 * @example
 * typPrice({ high: Float64Array.of(12), low: Float64Array.of(8), close: Float64Array.of(10) }); // → [10]
 * @see TA-Lib `TA_TYPPRICE`.
 */
export function typPrice(
  bars: { readonly high: Float64Array; readonly low: Float64Array; readonly close: Float64Array },
  options?: z.input<typeof typPriceOptions>,
): Float64Array {
  parseWith(typPriceOptions, options ?? {}, "TYPPRICE options");
  const { high: H, low: L, close: C } = bars;
  const n = bars.high.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const high = H[i]!;
    const low = L[i]!;
    const close = C[i]!;
    out[i] = (high + low + close) / 3.0;
  }
  return out;
}
