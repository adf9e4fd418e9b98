import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { MaCore } from "./internal/maCore.js";
import { maType, period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";
import type { MacdResult } from "./macd.js";

/**
 * Options of {@link macdExt} / {@link MacdExt}: periods `fastPeriod` (12), `slowPeriod` (26), `signalPeriod` (9)
 * and their moving-average kinds `fastMaType`, `slowMaType`, `signalMaType` (`"sma"`, TA-Lib's default MAType 0,
 * or `"ema"`).
 */
export const macdExtOptions = z
  .object({
    fastPeriod: period(12),
    fastMaType: maType.default("sma"),
    slowPeriod: period(26),
    slowMaType: maType.default("sma"),
    signalPeriod: period(9),
    signalMaType: maType.default("sma"),
  })
  .strict();
/** Parsed MACDEXT options. */
export type MacdExtOptions = z.output<typeof macdExtOptions>;

/**
 * Streaming MACD with selectable moving averages: `macd = MA_fast(x) − MA_slow(x)`, `signal = MA_signal(macd)`,
 * `histogram = macd − signal`. As in TA-Lib, if `slowPeriod < fastPeriod` the periods and their MA kinds are
 * swapped; both price MAs start at bar `slowPeriod − 1` (so an EMA fast MA is seeded with the SMA of the
 * `fastPeriod` inputs ending there, as in {@link Macd}), and the signal MA starts with the first MACD value.
 * `update` returns `macd`. Lookback `slowPeriod − 1 + signalPeriod − 1`.
 *
 * @param options - see {@link macdExtOptions}.
 * @example
 * new MacdExt({ fastMaType: "ema", slowMaType: "ema", signalMaType: "ema" }).lookback; // → 33
 * @see TA-Lib `TA_MACDEXT` (ta_MACDEXT.c).
 */
export class MacdExt implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly fast: MaCore;
  private readonly slow: MaCore;
  private readonly sig: MaCore;
  private readonly skipFast: number;
  private readonly start: number;
  private n = 0;
  private m = Number.NaN;
  private s = Number.NaN;
  private h = Number.NaN;

  constructor(options?: z.input<typeof macdExtOptions>) {
    const o = parseWith(macdExtOptions, options ?? {}, "MACDEXT options");
    let [fp, ft, sp, st] = [o.fastPeriod, o.fastMaType, o.slowPeriod, o.slowMaType];
    if (sp < fp) [fp, ft, sp, st] = [sp, st, fp, ft];
    this.fast = new MaCore(fp, ft);
    this.slow = new MaCore(sp, st);
    this.sig = new MaCore(o.signalPeriod, o.signalMaType);
    this.start = sp - 1;
    this.skipFast = sp - fp;
    this.lookback = this.start + this.sig.lookback;
  }
  update(x: number): number {
    const n = this.n++;
    const s = this.slow.update(x);
    if (n < this.skipFast) return Number.NaN;
    const f = this.fast.update(x);
    if (n < this.start) return Number.NaN;
    const m = f - s;
    const g = this.sig.update(m);
    if (n < this.lookback) return Number.NaN;
    this.m = m;
    this.s = g;
    this.h = m - g;
    return m;
  }
  peek(x: number): number {
    return shadowOf(this).update(x);
  }
  get value(): number {
    return this.m;
  }
  /** The MACD line. */
  get macd(): number {
    return this.m;
  }
  /** The signal line. */
  get signal(): number {
    return this.s;
  }
  /** MACD − signal. */
  get histogram(): number {
    return this.h;
  }
  get isReady(): boolean {
    return this.n > this.lookback;
  }
  reset(): void {
    this.fast.reset();
    this.slow.reset();
    this.sig.reset();
    this.n = 0;
    this.m = Number.NaN;
    this.s = Number.NaN;
    this.h = Number.NaN;
  }
}

/**
 * MACDEXT over a column (see {@link MacdExt}): `{ macd, signal, histogram }`.
 *
 * @param close - input series.
 * @param options - see {@link macdExtOptions}.
 * @example
 * macdExt(close, { fastMaType: "ema", slowMaType: "ema" }).signal; // NaN for the first 33 entries
 * @see TA-Lib `TA_MACDEXT`.
 */
export function macdExt(close: Float64Array, options?: z.input<typeof macdExtOptions>): MacdResult {
  const core = new MacdExt(options);
  const n = close.length;
  const m = new Float64Array(n);
  const s = new Float64Array(n);
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    m[i] = core.update(close[i]!);
    s[i] = core.signal;
    h[i] = core.histogram;
  }
  return { macd: m, signal: s, histogram: h };
}
