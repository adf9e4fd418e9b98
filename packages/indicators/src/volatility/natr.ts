import { z } from "zod";
import type { BarInput, HlcColumns, StreamingIndicator } from "../indicator.js";
import { driveBars } from "../util/drive.js";
import { parseOptions, periodSchema } from "../util/options.js";
import { Atr } from "./atr.js";

/** Options of {@link natr} / {@link Natr}. */
export const natrOptions = z
  .object({
    /** ATR period in bars, 1…100000. Default 14 (TA-Lib). */
    period: periodSchema(1, 14),
  })
  .strict();
/** Options of {@link natr} / {@link Natr}. */
export type NatrOptions = z.input<typeof natrOptions>;

/**
 * Normalized ATR in percent of the close, `NATR_t = ATR_t / c_t · 100` (TA-Lib returns 0 when |c_t| < 1e-8; so do
 * we). Lookback `period`.
 *
 * @param bars - `{ high, low, close }` columns.
 * @param options - `{ period = 14 }`.
 * @example
 * natr(bars, { period: 14 }); // percent of close, NaN for the first 14 bars
 * @see TA-Lib `TA_NATR`
 */
export function natr(bars: HlcColumns, options?: NatrOptions): Float64Array {
  return driveBars(new Natr(options), bars);
}

/**
 * Streaming {@link natr}.
 *
 * @example
 * new Natr({ period: 14 }).update({ high: 10, low: 9, close: 9.5 }); // → NaN (warm-up)
 * @see TA-Lib `TA_NATR`
 */
export class Natr implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly atr: Atr;
  private cur = Number.NaN;

  /** @param options - `{ period = 14 }`. */
  constructor(options?: NatrOptions) {
    const o = parseOptions(natrOptions, options, "NATR");
    this.atr = new Atr({ period: o.period });
    this.lookback = this.atr.lookback;
  }

  private static norm(a: number, c: number): number {
    if (Number.isNaN(a)) return Number.NaN;
    return c > -1e-8 && c < 1e-8 ? 0 : (a / c) * 100;
  }

  update(bar: BarInput): number {
    const a = this.atr.update(bar);
    this.cur = Natr.norm(a, bar.close);
    return this.cur;
  }

  peek(bar: BarInput): number {
    return Natr.norm(this.atr.peek(bar), bar.close);
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.atr.isReady;
  }

  reset(): void {
    this.atr.reset();
    this.cur = Number.NaN;
  }
}
