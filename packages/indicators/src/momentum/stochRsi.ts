import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { FastKCore } from "./internal/fastKCore.js";
import { MaCore } from "./internal/maCore.js";
import { maType, period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";
import { Rsi } from "./rsi.js";
import type { StochFResult } from "./stochF.js";

/**
 * Options of {@link stochRsi} / {@link StochRsi}: `period` (RSI period, 14), `fastKPeriod` (5), `fastDPeriod` (3),
 * `fastDMaType` ("sma") — TA-Lib's STOCHRSI parameters and defaults.
 */
export const stochRsiOptions = z
  .object({
    period: period(14),
    fastKPeriod: period(5, 1),
    fastDPeriod: period(3, 1),
    fastDMaType: maType.default("sma"),
  })
  .strict();
/** Parsed StochRSI options. */
export type StochRsiOptions = z.output<typeof stochRsiOptions>;

/**
 * Streaming Stochastic RSI (Chande & Kroll): the fast stochastic of the RSI series,
 * `fastK = 100·(RSI − min RSI)/(max RSI − min RSI)` over `fastKPeriod` RSI values (0 when flat),
 * `fastD = MA(fastK, fastDPeriod)`. `update` returns `fastK`. Lookback `period + fastKPeriod − 1 + fastDPeriod − 1`.
 *
 * @param options - see {@link stochRsiOptions}.
 * @example
 * new StochRsi().lookback; // → 20
 * @see TA-Lib `TA_STOCHRSI` (ta_STOCHRSI.c); Chande & Kroll, The New Technical Trader (1994).
 */
export class StochRsi implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly rsi: Rsi;
  private readonly k: FastKCore;
  private readonly maD: MaCore;
  private readonly kStart: number;
  private n = 0;
  private fk = Number.NaN;
  private fd = Number.NaN;

  constructor(options?: z.input<typeof stochRsiOptions>) {
    const o = parseWith(stochRsiOptions, options ?? {}, "STOCHRSI options");
    this.rsi = new Rsi({ period: o.period });
    this.k = new FastKCore(o.fastKPeriod);
    this.maD = new MaCore(o.fastDPeriod, o.fastDMaType);
    this.kStart = o.period + o.fastKPeriod - 1;
    this.lookback = this.kStart + this.maD.lookback;
  }
  update(x: number): number {
    const n = this.n++;
    const r = this.rsi.update(x);
    if (n < this.rsi.lookback) return Number.NaN;
    const fk = this.k.update(r, r, r);
    if (n < this.kStart) return Number.NaN;
    const fd = this.maD.update(fk);
    if (n < this.lookback) return Number.NaN;
    this.fk = fk;
    this.fd = fd;
    return fk;
  }
  peek(x: number): number {
    return shadowOf(this).update(x);
  }
  get value(): number {
    return this.fk;
  }
  /** Fast %K of the RSI. */
  get fastK(): number {
    return this.fk;
  }
  /** Fast %D of the RSI. */
  get fastD(): number {
    return this.fd;
  }
  get isReady(): boolean {
    return this.n > this.lookback;
  }
  reset(): void {
    this.rsi.reset();
    this.k.reset();
    this.maD.reset();
    this.n = 0;
    this.fk = Number.NaN;
    this.fd = Number.NaN;
  }
}

/**
 * Stochastic RSI over a column (see {@link StochRsi}): `{ fastK, fastD }`.
 *
 * @param close - input series.
 * @param options - see {@link stochRsiOptions}.
 * @example
 * stochRsi(close, { period: 14 }).fastK; // NaN for the first 20 entries (14 + 4 + 2)
 * @see TA-Lib `TA_STOCHRSI`.
 */
export function stochRsi(close: Float64Array, options?: z.input<typeof stochRsiOptions>): StochFResult {
  const core = new StochRsi(options);
  const n = close.length;
  const k = new Float64Array(n);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    k[i] = core.update(close[i]!);
    d[i] = core.fastD;
  }
  return { fastK: k, fastD: d };
}
