import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, HlcColumns, StreamingIndicator } from "../indicator.js";
import { FastKCore } from "./internal/fastKCore.js";
import { MaCore } from "./internal/maCore.js";
import { maType, period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";

/** Options of {@link stochF} / {@link StochF}: `fastKPeriod` (5), `fastDPeriod` (3), `fastDMaType` ("sma"). */
export const stochFOptions = z
  .object({ fastKPeriod: period(5, 1), fastDPeriod: period(3, 1), fastDMaType: maType.default("sma") })
  .strict();
/** Parsed fast-stochastic options. */
export type StochFOptions = z.output<typeof stochFOptions>;

/** Fast stochastic columns. */
export interface StochFResult {
  readonly fastK: Float64Array;
  readonly fastD: Float64Array;
}

/**
 * Streaming fast Stochastic: `fastK = 100·(close − LL)/(HH − LL)` over `fastKPeriod` bars (0 when HH = LL) and
 * `fastD = MA(fastK, fastDPeriod)`. `update` returns `fastK`; `fastD` is a getter. Lookback
 * `(fastKPeriod − 1) + (fastDPeriod − 1)`.
 *
 * @param options - see {@link stochFOptions}.
 * @example
 * new StochF().lookback; // → 6
 * @see TA-Lib `TA_STOCHF` (ta_STOCHF.c).
 */
export class StochF implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly k: FastKCore;
  private readonly maD: MaCore;
  private n = 0;
  private fk = Number.NaN;
  private fd = Number.NaN;

  constructor(options?: z.input<typeof stochFOptions>) {
    const o = parseWith(stochFOptions, options ?? {}, "STOCHF options");
    this.k = new FastKCore(o.fastKPeriod);
    this.maD = new MaCore(o.fastDPeriod, o.fastDMaType);
    this.lookback = o.fastKPeriod - 1 + this.maD.lookback;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number): number {
    const n = this.n++;
    const fk = this.k.update(high, low, close);
    if (n < this.k.period - 1) return Number.NaN;
    const fd = this.maD.update(fk);
    if (n < this.lookback) return Number.NaN;
    this.fk = fk;
    this.fd = fd;
    return fk;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low, bar.close);
  }
  peek(bar: BarInput): number {
    return shadowOf(this).update(bar);
  }
  get value(): number {
    return this.fk;
  }
  /** Fast %K. */
  get fastK(): number {
    return this.fk;
  }
  /** Fast %D. */
  get fastD(): number {
    return this.fd;
  }
  get isReady(): boolean {
    return this.n > this.lookback;
  }
  reset(): void {
    this.k.reset();
    this.maD.reset();
    this.n = 0;
    this.fk = Number.NaN;
    this.fd = Number.NaN;
  }
}

/**
 * Fast Stochastic over bar columns (see {@link StochF}): `{ fastK, fastD }`.
 *
 * @param bars - `{ high, low, close }` columns.
 * @param options - see {@link stochFOptions}.
 * @example
 * stochF(bars).fastD; // NaN for the first 6 entries
 * @see TA-Lib `TA_STOCHF`.
 */
export function stochF(bars: HlcColumns, options?: z.input<typeof stochFOptions>): StochFResult {
  const core = new StochF(options);
  const { high, low, close } = bars;
  const n = close.length;
  const k = new Float64Array(n);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    k[i] = core.step(high[i]!, low[i]!, close[i]!);
    d[i] = core.fastD;
  }
  return { fastK: k, fastD: d };
}
