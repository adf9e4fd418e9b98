import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { SmaCore } from "./internal/maCore.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";
import type { HlColumns } from "./plusDm.js";

/** Options of {@link ao} / {@link Ao}: `fastPeriod` (5) and `slowPeriod` (34), bars. */
export const aoOptions = z.object({ fastPeriod: period(5, 1), slowPeriod: period(34, 1) }).strict();
/** Parsed Awesome Oscillator options. */
export type AoOptions = z.output<typeof aoOptions>;

/**
 * Streaming Awesome Oscillator (Bill Williams): `SMA(median, fastPeriod) − SMA(median, slowPeriod)` with the median
 * price `(high + low)/2`. SMAs are running sums (add the new value, then subtract the trailing one, as TA-Lib's
 * SMA). Lookback `max(fastPeriod, slowPeriod) − 1` (33). TA-Lib has no AO: checked against a pandas golden file.
 *
 * @param options - `{ fastPeriod = 5, slowPeriod = 34 }`.
 * @example
 * const a = new Ao({ fastPeriod: 1, slowPeriod: 2 });
 * [[2, 0], [4, 2]].map(([h, l]) => a.update({ high: h, low: l, close: h })); // → [NaN, 1]
 * @see Bill Williams, New Trading Dimensions (1998); https://www.tradingview.com/support/solutions/43000501826-awesome-oscillator-ao/
 */
export class Ao implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly fast: SmaCore;
  private readonly slow: SmaCore;
  private n = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof aoOptions>) {
    const o = parseWith(aoOptions, options ?? {}, "AO options");
    this.fast = new SmaCore(o.fastPeriod);
    this.slow = new SmaCore(o.slowPeriod);
    this.lookback = Math.max(o.fastPeriod, o.slowPeriod) - 1;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number): number {
    const m = (high + low) / 2;
    const f = this.fast.update(m);
    const s = this.slow.update(m);
    if (this.n++ < this.lookback) return Number.NaN;
    this.out = f - s;
    return this.out;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low);
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
    this.fast.reset();
    this.slow.reset();
    this.n = 0;
    this.out = Number.NaN;
  }
}

/**
 * Awesome Oscillator over bar columns (see {@link Ao}).
 *
 * @param bars - `{ high, low }` columns.
 * @param options - `{ fastPeriod = 5, slowPeriod = 34 }`.
 * @example
 * ao({ high: Float64Array.of(2, 4), low: Float64Array.of(0, 2) }, { fastPeriod: 1, slowPeriod: 2 }); // → [NaN, 1]
 * @see Bill Williams, New Trading Dimensions (1998).
 */
export function ao(bars: HlColumns, options?: z.input<typeof aoOptions>): Float64Array {
  const core = new Ao(options);
  const { high, low } = bars;
  const n = high.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.step(high[i]!, low[i]!);
  return out;
}
