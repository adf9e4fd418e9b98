import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { maType, period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";
import { PoCore } from "./internal/poCore.js";

/**
 * Options of {@link ppo} / {@link Ppo}: `fastPeriod` (12), `slowPeriod` (26), `maType` ("sma", TA-Lib's
 * default MAType 0; "ema" is SMA-seeded as in TA-Lib).
 */
export const ppoOptions = z
  .object({ fastPeriod: period(12), slowPeriod: period(26), maType: maType.default("sma") })
  .strict();
/** Parsed PPO options. */
export type PpoOptions = z.output<typeof ppoOptions>;

/**
 * Streaming PPO (percentage price oscillator): `100·(fast − slow)/slow` (0 when slow is TA-Lib-zero) with `fast = MA(x, fastPeriod)`
 * and `slow = MA(x, slowPeriod)` (swapped if `slowPeriod < fastPeriod`); with `maType: "ema"` each EMA is seeded
 * with the SMA of its first inputs (unlike TA-Lib's MACD, the fast EMA is not delayed). Lookback `slowPeriod − 1`.
 *
 * @param options - `{ fastPeriod = 12, slowPeriod = 26, maType = "sma" }`.
 * @example
 * const o = new Ppo({ fastPeriod: 2, slowPeriod: 3 });
 * [2, 4, 6].map((x) => o.update(x)); // → [NaN, NaN, 25]
 * @see TA-Lib `TA_PPO` (ta_PPO.c).
 */
export class Ppo implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly core: PoCore;
  private out = Number.NaN;
  constructor(options?: z.input<typeof ppoOptions>) {
    const o = parseWith(ppoOptions, options ?? {}, "PPO options");
    this.core = new PoCore(o.fastPeriod, o.slowPeriod, o.maType);
    this.lookback = this.core.lookback;
  }
  update(x: number): number {
    this.core.update(x);
    if (!this.core.isReady) return Number.NaN;
    this.out = this.core.ppo;
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
 * PPO over a column (see {@link Ppo}).
 *
 * @param close - input series.
 * @param options - `{ fastPeriod = 12, slowPeriod = 26, maType = "sma" }`.
 * @example
 * ppo(Float64Array.of(2, 4, 6), { fastPeriod: 2, slowPeriod: 3 }); // → [NaN, NaN, 25]
 * @see TA-Lib `TA_PPO`.
 */
export function ppo(close: Float64Array, options?: z.input<typeof ppoOptions>): Float64Array {
  const core = new Ppo(options);
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.update(close[i]!);
  return out;
}
