import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { maType, period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";
import { PoCore } from "./internal/poCore.js";

/**
 * Options of {@link apo} / {@link Apo}: `fastPeriod` (12), `slowPeriod` (26), `maType` ("sma", TA-Lib's
 * default MAType 0; "ema" is SMA-seeded as in TA-Lib).
 */
export const apoOptions = z
  .object({ fastPeriod: period(12), slowPeriod: period(26), maType: maType.default("sma") })
  .strict();
/** Parsed APO options. */
export type ApoOptions = z.output<typeof apoOptions>;

/**
 * Streaming APO (absolute price oscillator): `fast − slow` with `fast = MA(x, fastPeriod)`
 * and `slow = MA(x, slowPeriod)` (swapped if `slowPeriod < fastPeriod`); with `maType: "ema"` each EMA is seeded
 * with the SMA of its first inputs (unlike TA-Lib's MACD, the fast EMA is not delayed). Lookback `slowPeriod − 1`.
 *
 * @param options - `{ fastPeriod = 12, slowPeriod = 26, maType = "sma" }`.
 * @example
 * const o = new Apo({ fastPeriod: 2, slowPeriod: 3 });
 * [2, 4, 6].map((x) => o.update(x)); // → [NaN, NaN, 1]
 * @see TA-Lib `TA_APO` (ta_APO.c).
 */
export class Apo implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly core: PoCore;
  private out = Number.NaN;
  constructor(options?: z.input<typeof apoOptions>) {
    const o = parseWith(apoOptions, options ?? {}, "APO options");
    this.core = new PoCore(o.fastPeriod, o.slowPeriod, o.maType);
    this.lookback = this.core.lookback;
  }
  update(x: number): number {
    this.core.update(x);
    if (!this.core.isReady) return Number.NaN;
    this.out = this.core.apo;
    return this.out;
  }
  peek(x: number): number {
    return shadowOf(this).update(x);
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.core.isReady;
  }
  reset(): void {
    this.core.reset();
    this.out = Number.NaN;
  }
}

/**
 * APO over a column (see {@link Apo}).
 *
 * @param close - input series.
 * @param options - `{ fastPeriod = 12, slowPeriod = 26, maType = "sma" }`.
 * @example
 * apo(Float64Array.of(2, 4, 6), { fastPeriod: 2, slowPeriod: 3 }); // → [NaN, NaN, 1]
 * @see TA-Lib `TA_APO`.
 */
export function apo(close: Float64Array, options?: z.input<typeof apoOptions>): Float64Array {
  const core = new Apo(options);
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.update(close[i]!);
  return out;
}
