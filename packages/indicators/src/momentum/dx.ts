import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, HlcColumns, StreamingIndicator } from "../indicator.js";
import { DmCore } from "./internal/dmCore.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";

/** Options of {@link dx} / {@link Dx}: `period` (bars, integer ≥ 2, default 14). */
export const dxOptions = z.object({ period: period(14) }).strict();
/** Parsed DX options. */
export type DxOptions = z.output<typeof dxOptions>;

/**
 * Streaming directional movement index: `DX = 100·|+DI − −DI|/(+DI + −DI)` from Wilder-smoothed +DM, −DM and TR
 * (see {@link PlusDi}). When TR or `+DI + −DI` is TA-Lib-zero, the first value is 0 and later values repeat the
 * previous one, as TA-Lib does. Lookback `period`.
 *
 * @param options - `{ period = 14 }`.
 * @example
 * new Dx().lookback; // → 14
 * @see TA-Lib `TA_DX` (ta_DX.c); Wilder (1978).
 */
export class Dx implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly core: DmCore;
  private out = Number.NaN;
  constructor(options?: z.input<typeof dxOptions>) {
    const p = parseWith(dxOptions, options ?? {}, "DX options").period;
    this.core = new DmCore(p);
    this.lookback = p;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number): number {
    const n = this.core.step(high, low, close);
    if (n <= this.lookback) return Number.NaN;
    const v = this.core.dx();
    if (v >= 0 || Number.isNaN(v)) this.out = v;
    else if (n === this.lookback + 1) this.out = 0;
    return this.out;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low, bar.close);
  }
  peek(bar: BarInput): number {
    return shadowOf(this).update(bar);
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.core.n > this.lookback;
  }
  reset(): void {
    this.core.reset();
    this.out = Number.NaN;
  }
}

/**
 * Directional movement index over bar columns (see {@link Dx}).
 *
 * @param bars - `{ high, low, close }` columns.
 * @param options - `{ period = 14 }`.
 * @example
 * dx(bars); // NaN for the first 14 entries, then values in [0, 100]
 * @see TA-Lib `TA_DX`.
 */
export function dx(bars: HlcColumns, options?: z.input<typeof dxOptions>): Float64Array {
  const core = new Dx(options);
  const { high, low, close } = bars;
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.step(high[i]!, low[i]!, close[i]!);
  return out;
}
