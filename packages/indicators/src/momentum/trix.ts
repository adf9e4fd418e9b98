import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { EmaCore } from "./internal/maCore.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";

/** Options of {@link trix} / {@link Trix}: `period` (bars, integer ≥ 2, default 30; TA-Lib accepts 1 but its EMA(1) reads out of bounds). */
export const trixOptions = z.object({ period: period(30) }).strict();
/** Parsed TRIX options. */
export type TrixOptions = z.output<typeof trixOptions>;

/**
 * Streaming TRIX (Hutson): the one-bar rate of change, in percent, of a triple EMA,
 * `100·(e3/e3[t−1] − 1)` with `e3 = EMA(EMA(EMA(x)))`; each EMA is SMA-seeded on its own input as TA-Lib does,
 * and the value is 0 when `e3[t−1]` is 0. Lookback `3·(period − 1) + 1`.
 *
 * @param options - `{ period = 30 }`.
 * @example
 * new Trix({ period: 15 }).lookback; // → 43
 * @see TA-Lib `TA_TRIX` (ta_TRIX.c); Jack Hutson, Technical Analysis of Stocks & Commodities (1983).
 */
export class Trix implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly e1: EmaCore;
  private readonly e2: EmaCore;
  private readonly e3: EmaCore;
  private readonly p1: number;
  private n = 0;
  private prev = Number.NaN;
  private out = Number.NaN;
  constructor(options?: z.input<typeof trixOptions>) {
    const p = parseWith(trixOptions, options ?? {}, "TRIX options").period;
    this.e1 = new EmaCore(p);
    this.e2 = new EmaCore(p);
    this.e3 = new EmaCore(p);
    this.p1 = p - 1;
    this.lookback = 3 * (p - 1) + 1;
  }
  update(x: number): number {
    const n = this.n++;
    const a = this.e1.update(x);
    if (n < this.p1) return Number.NaN;
    const b = this.e2.update(a);
    if (n < 2 * this.p1) return Number.NaN;
    const c = this.e3.update(b);
    if (n < 3 * this.p1) return Number.NaN;
    const prev = this.prev;
    this.prev = c;
    if (n < this.lookback) return Number.NaN;
    this.out = Number.isNaN(c) ? c : prev !== 0 ? (c / prev - 1.0) * 100.0 : 0;
    return this.out;
  }
  peek(x: number): number {
    return shadowOf(this).update(x);
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.n > this.lookback;
  }
  reset(): void {
    this.e1.reset();
    this.e2.reset();
    this.e3.reset();
    this.n = 0;
    this.prev = Number.NaN;
    this.out = Number.NaN;
  }
}

/**
 * TRIX over a column (see {@link Trix}).
 *
 * @param close - input series.
 * @param options - `{ period = 30 }`.
 * @example
 * trix(close, { period: 15 }); // NaN for the first 43 entries
 * @see TA-Lib `TA_TRIX`.
 */
export function trix(close: Float64Array, options?: z.input<typeof trixOptions>): Float64Array {
  const core = new Trix(options);
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.update(close[i]!);
  return out;
}
