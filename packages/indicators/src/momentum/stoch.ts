import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, HlcColumns, StreamingIndicator } from "../indicator.js";
import { FastKCore } from "./internal/fastKCore.js";
import { MaCore } from "./internal/maCore.js";
import { maType, period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";

/**
 * Options of {@link stoch} / {@link Stoch}: `fastKPeriod` (5), `slowKPeriod` (3), `slowKMaType` ("sma"),
 * `slowDPeriod` (3), `slowDMaType` ("sma") — TA-Lib's `optInFastK_Period`, `optInSlowK_Period`, … and defaults.
 */
export const stochOptions = z
  .object({
    fastKPeriod: period(5, 1),
    slowKPeriod: period(3, 1),
    slowKMaType: maType.default("sma"),
    slowDPeriod: period(3, 1),
    slowDMaType: maType.default("sma"),
  })
  .strict();
/** Parsed Stochastic options. */
export type StochOptions = z.output<typeof stochOptions>;

/** Slow stochastic columns. */
export interface StochResult {
  readonly slowK: Float64Array;
  readonly slowD: Float64Array;
}

/**
 * Streaming slow Stochastic oscillator (Lane): raw `%K = 100·(close − LL)/(HH − LL)` over `fastKPeriod` bars
 * (0 when HH = LL), `slowK = MA(%K, slowKPeriod)`, `slowD = MA(slowK, slowDPeriod)`; MAs are SMA (default) or
 * SMA-seeded EMA. `update` returns `slowK`; `slowD` is a getter. Lookback
 * `(fastKPeriod − 1) + (slowKPeriod − 1) + (slowDPeriod − 1)`.
 *
 * @param options - see {@link stochOptions}.
 * @example
 * new Stoch().lookback; // → 8
 * @see TA-Lib `TA_STOCH` (ta_STOCH.c); George Lane, "Lane's Stochastics" (1984).
 */
export class Stoch implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly k: FastKCore;
  private readonly maK: MaCore;
  private readonly maD: MaCore;
  private n = 0;
  private sk = Number.NaN;
  private sd = Number.NaN;

  constructor(options?: z.input<typeof stochOptions>) {
    const o = parseWith(stochOptions, options ?? {}, "STOCH options");
    this.k = new FastKCore(o.fastKPeriod);
    this.maK = new MaCore(o.slowKPeriod, o.slowKMaType);
    this.maD = new MaCore(o.slowDPeriod, o.slowDMaType);
    this.lookback = o.fastKPeriod - 1 + this.maK.lookback + this.maD.lookback;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number): number {
    const n = this.n++;
    const fk = this.k.update(high, low, close);
    if (n < this.k.period - 1) return Number.NaN;
    const sk = this.maK.update(fk);
    if (n < this.k.period - 1 + this.maK.lookback) return Number.NaN;
    const sd = this.maD.update(sk);
    if (n < this.lookback) return Number.NaN;
    this.sk = sk;
    this.sd = sd;
    return sk;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low, bar.close);
  }
  peek(bar: BarInput): number {
    return shadowOf(this).update(bar);
  }
  get value(): number {
    return this.sk;
  }
  /** Slow %K. */
  get slowK(): number {
    return this.sk;
  }
  /** Slow %D. */
  get slowD(): number {
    return this.sd;
  }
  get isReady(): boolean {
    return this.n > this.lookback;
  }
  reset(): void {
    this.k.reset();
    this.maK.reset();
    this.maD.reset();
    this.n = 0;
    this.sk = Number.NaN;
    this.sd = Number.NaN;
  }
}

/**
 * Slow Stochastic over bar columns (see {@link Stoch}): `{ slowK, slowD }`, NaN for the first `lookback` entries.
 *
 * @param bars - `{ high, low, close }` columns (a `Bars` object works).
 * @param options - see {@link stochOptions}.
 * @example
 * stoch(bars, { fastKPeriod: 14 }).slowK; // NaN for the first 17 entries
 * @see TA-Lib `TA_STOCH`.
 */
export function stoch(bars: HlcColumns, options?: z.input<typeof stochOptions>): StochResult {
  const core = new Stoch(options);
  const { high, low, close } = bars;
  const n = close.length;
  const k = new Float64Array(n);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    k[i] = core.step(high[i]!, low[i]!, close[i]!);
    d[i] = core.slowD;
  }
  return { slowK: k, slowD: d };
}
