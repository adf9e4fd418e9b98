import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { driveClose } from "../util/drive.js";
import { WindowSum } from "../util/moments.js";
import { parseOptions, periodSchema } from "../util/options.js";

/** Options of {@link trima} / {@link Trima}. */
export const trimaOptions = z
  .object({
    /** Window length in bars, 2…100000. Default 30 (TA-Lib). */
    period: periodSchema(2, 30),
  })
  .strict();
/** Options of {@link trima} / {@link Trima}. */
export type TrimaOptions = z.input<typeof trimaOptions>;

/**
 * Triangular moving average: triangular weights over `period` values (`1,2,…,m,…,2,1`), computed as an SMA of an
 * SMA — `SMA(SMA(x, n₁), n₂)` with `n₁ = n₂ = (p+1)/2` for odd `p`, `n₁ = p/2`, `n₂ = p/2 + 1` for even `p`
 * (the same weights as TA-Lib). Lookback `period − 1`.
 *
 * @param close - input column.
 * @param options - `{ period = 30 }`.
 * @example
 * trima(new Float64Array([1, 2, 3]), { period: 3 }); // → [NaN, NaN, 2]  ((1 + 2·2 + 3) / 4)
 * @see TA-Lib `TA_TRIMA`
 */
export function trima(close: Float64Array, options?: TrimaOptions): Float64Array {
  return driveClose(new Trima(options), close);
}

/**
 * Streaming {@link trima}.
 *
 * @example
 * const t = new Trima({ period: 3 }); [1, 2, 3].map((x) => t.update(x)); // → [NaN, NaN, 2]
 * @see TA-Lib `TA_TRIMA`
 */
export class Trima implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly n1: number;
  private readonly n2: number;
  private readonly s1: WindowSum;
  private readonly s2: WindowSum;
  private cur = Number.NaN;

  /** @param options - `{ period = 30 }`. */
  constructor(options?: TrimaOptions) {
    const { period } = parseOptions(trimaOptions, options, "TRIMA");
    this.n1 = period % 2 === 1 ? (period + 1) / 2 : period / 2;
    this.n2 = period % 2 === 1 ? (period + 1) / 2 : period / 2 + 1;
    this.s1 = new WindowSum(this.n1);
    this.s2 = new WindowSum(this.n2);
    this.lookback = period - 1;
  }

  update(x: number): number {
    const a = this.s1.push(x);
    if (!this.s1.isFull) return Number.NaN;
    const b = this.s2.push(a / this.n1);
    if (!this.s2.isFull) return Number.NaN;
    this.cur = b / this.n2;
    return this.cur;
  }

  peek(x: number): number {
    const a = this.s1.peek(x);
    if (Number.isNaN(a)) return Number.NaN;
    return this.s2.peek(a / this.n1) / this.n2;
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.s2.isFull;
  }

  reset(): void {
    this.s1.reset();
    this.s2.reset();
    this.cur = Number.NaN;
  }
}
