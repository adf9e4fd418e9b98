import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { driveClose } from "../util/drive.js";
import { parseOptions, periodSchema } from "../util/options.js";

/** Options of {@link kama} / {@link Kama}. */
export const kamaOptions = z
  .object({
    /** Efficiency-ratio window in bars, 2…100000. Default 30 (TA-Lib). */
    period: periodSchema(2, 30),
  })
  .strict();
/** Options of {@link kama} / {@link Kama}. */
export type KamaOptions = z.input<typeof kamaOptions>;

const SLOW = 2 / (30 + 1);
const DIFF = 2 / (2 + 1) - SLOW;

/**
 * Kaufman adaptive moving average, as TA-Lib: efficiency ratio `ER = |x_t − x_{t−p}| / Σ|x_i − x_{i−1}|` over `p`
 * changes (1 when the path is a straight line or the sum is ~0), smoothing `sc = (ER·(2/3 − 2/31) + 2/31)²`, and
 * `KAMA_t = KAMA_{t−1} + sc·(x_t − KAMA_{t−1})` seeded with `x_{p−1}`. Fast/slow constants are TA-Lib's fixed 2
 * and 30. Lookback `period`.
 *
 * @param close - input column.
 * @param options - `{ period = 30 }`.
 * @example
 * kama(close, { period: 10 }); // NaN for the first 10 values
 * @see TA-Lib `TA_KAMA`; Kaufman, P. (1995). Smarter Trading.
 */
export function kama(close: Float64Array, options?: KamaOptions): Float64Array {
  return driveClose(new Kama(options), close);
}

/**
 * Streaming {@link kama}.
 *
 * @example
 * const k = new Kama({ period: 10 }); for (const x of close) k.update(x); k.value;
 * @see TA-Lib `TA_KAMA`
 */
export class Kama implements StreamingIndicator<number> {
  readonly period: number;
  readonly lookback: number;
  /** The last p+1 values x_{t−p} … x_t (ring, slot `head` is the oldest once full). */
  private readonly buf: Float64Array;
  private head = 0;
  private count = 0;
  private sumRoc = 0;
  private cur = Number.NaN;

  /** @param options - `{ period = 30 }`. */
  constructor(options?: KamaOptions) {
    this.period = parseOptions(kamaOptions, options, "KAMA").period;
    this.lookback = this.period;
    this.buf = new Float64Array(this.period + 1);
  }

  /** x_{t−k} where t is the index of the value about to be pushed (k ≥ 1). */
  private back(k: number): number {
    const cap = this.period + 1;
    let j = this.head - k;
    if (j < 0) j += cap;
    return this.buf[j]!;
  }

  private static smoothing(sumRoc: number, periodRoc: number): number {
    let er: number;
    if (sumRoc <= periodRoc || (sumRoc > -1e-8 && sumRoc < 1e-8)) er = 1;
    else er = Math.abs(periodRoc / sumRoc);
    const sc = er * DIFF + SLOW;
    return sc * sc;
  }

  private step(x: number, commit: boolean): number {
    const p = this.period;
    const t = this.count;
    let sumRoc = this.sumRoc;
    let out = Number.NaN;
    if (t >= 1 && t <= p) {
      sumRoc += Math.abs(this.back(1) - x);
      if (t === p) {
        const x0 = this.back(p);
        const sc = Kama.smoothing(sumRoc, x - x0);
        const prev = this.back(1);
        out = (x - prev) * sc + prev;
      }
    } else if (t > p) {
      const trailing = this.back(p + 1);
      const xp = this.back(p);
      sumRoc -= Math.abs(trailing - xp);
      sumRoc += Math.abs(x - this.back(1));
      const sc = Kama.smoothing(sumRoc, x - xp);
      out = (x - this.cur) * sc + this.cur;
    }
    if (commit) {
      this.sumRoc = sumRoc;
      this.buf[this.head] = x;
      this.head = this.head + 1 === p + 1 ? 0 : this.head + 1;
      if (t <= p) this.count = t + 1;
      if (t >= p) this.cur = out;
    }
    return out;
  }

  update(x: number): number {
    return this.step(x, true);
  }

  peek(x: number): number {
    return this.step(x, false);
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.count > this.period;
  }

  reset(): void {
    this.head = 0;
    this.count = 0;
    this.sumRoc = 0;
    this.cur = Number.NaN;
  }
}
