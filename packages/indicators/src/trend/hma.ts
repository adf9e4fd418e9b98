import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { driveClose } from "../util/drive.js";
import { parseOptions, periodSchema } from "../util/options.js";
import { Wma } from "./wma.js";

/** Options of {@link hma} / {@link Hma}. */
export const hmaOptions = z
  .object({
    /** Period in bars, 4…100000 (so that `⌊p/2⌋` and `⌊√p⌋` are ≥ 2). Default 9. */
    period: periodSchema(4, 9),
  })
  .strict();
/** Options of {@link hma} / {@link Hma}. */
export type HmaOptions = z.input<typeof hmaOptions>;

/**
 * Hull moving average: `HMA = WMA(2·WMA(x, ⌊p/2⌋) − WMA(x, p), ⌊√p⌋)`. Lookback `(p − 1) + (⌊√p⌋ − 1)`.
 * Not in TA-Lib; checked against pandas golden values.
 *
 * @param close - input column.
 * @param options - `{ period = 9 }`.
 * @example
 * hma(close, { period: 9 }); // NaN for the first 10 values
 * @see Hull, A. (2005). "Hull Moving Average", alanhull.com
 */
export function hma(close: Float64Array, options?: HmaOptions): Float64Array {
  return driveClose(new Hma(options), close);
}

/**
 * Streaming {@link hma}.
 *
 * @example
 * const h = new Hma({ period: 9 }); for (const x of close) h.update(x); h.value;
 * @see Hull (2005)
 */
export class Hma implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly half: Wma;
  private readonly full: Wma;
  private readonly out: Wma;
  private cur = Number.NaN;

  /** @param options - `{ period = 9 }`. */
  constructor(options?: HmaOptions) {
    const { period } = parseOptions(hmaOptions, options, "HMA");
    const sq = Math.floor(Math.sqrt(period));
    this.half = new Wma({ period: Math.floor(period / 2) });
    this.full = new Wma({ period });
    this.out = new Wma({ period: sq });
    this.lookback = period - 1 + (sq - 1);
  }

  update(x: number): number {
    const a = this.half.update(x);
    const b = this.full.update(x);
    if (!this.full.isReady) return Number.NaN;
    const v = this.out.update(2 * a - b);
    if (!this.out.isReady) return Number.NaN;
    this.cur = v;
    return v;
  }

  peek(x: number): number {
    const a = this.half.peek(x);
    const b = this.full.peek(x);
    if (Number.isNaN(b)) return Number.NaN;
    return this.out.peek(2 * a - b);
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.out.isReady;
  }

  reset(): void {
    this.half.reset();
    this.full.reset();
    this.out.reset();
    this.cur = Number.NaN;
  }
}
