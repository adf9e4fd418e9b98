import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { driveClose } from "../util/drive.js";
import { parseOptions, periodSchema } from "../util/options.js";
import { Ema } from "./ema.js";

/** Options of {@link dema} / {@link Dema}. */
export const demaOptions = z
  .object({
    /** EMA period in bars, 2…100000. Default 30 (TA-Lib). */
    period: periodSchema(2, 30),
  })
  .strict();
/** Options of {@link dema} / {@link Dema}. */
export type DemaOptions = z.input<typeof demaOptions>;

/**
 * Double exponential moving average (Mulloy 1994): `DEMA = 2·EMA(x) − EMA(EMA(x))`, both EMAs SMA-seeded as in
 * TA-Lib (the second seeded with the SMA of the first `period` values of the first). Lookback `2·(period − 1)`.
 * The vectorized function drives the streaming core (one implementation).
 *
 * @param close - input column.
 * @param options - `{ period = 30 }`.
 * @example
 * dema(close, { period: 10 }); // NaN for the first 18 values
 * @see TA-Lib `TA_DEMA`; Mulloy, P. (1994). Smoothing Data with Faster Moving Averages. TASC 12(1).
 */
export function dema(close: Float64Array, options?: DemaOptions): Float64Array {
  return driveClose(new Dema(options), close);
}

/**
 * Streaming {@link dema}.
 *
 * @example
 * const d = new Dema({ period: 2 }); [1, 2, 3].map((x) => d.update(x)); // → [NaN, NaN, 3]
 * @see TA-Lib `TA_DEMA`
 */
export class Dema implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly e1: Ema;
  private readonly e2: Ema;
  private cur = Number.NaN;

  /** @param options - `{ period = 30 }`. */
  constructor(options?: DemaOptions) {
    const { period } = parseOptions(demaOptions, options, "DEMA");
    this.e1 = new Ema({ period });
    this.e2 = new Ema({ period });
    this.lookback = 2 * (period - 1);
  }

  update(x: number): number {
    const v1 = this.e1.update(x);
    if (!this.e1.isReady) return Number.NaN;
    const v2 = this.e2.update(v1);
    if (!this.e2.isReady) return Number.NaN;
    this.cur = 2 * v1 - v2;
    return this.cur;
  }

  peek(x: number): number {
    const v1 = this.e1.peek(x);
    if (Number.isNaN(v1)) return Number.NaN;
    return 2 * v1 - this.e2.peek(v1);
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.e2.isReady;
  }

  reset(): void {
    this.e1.reset();
    this.e2.reset();
    this.cur = Number.NaN;
  }
}
