import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { driveClose } from "../util/drive.js";
import { parseOptions, periodSchema } from "../util/options.js";
import { Ema } from "./ema.js";

/** Options of {@link tema} / {@link Tema}. */
export const temaOptions = z
  .object({
    /** EMA period in bars, 2…100000. Default 30 (TA-Lib). */
    period: periodSchema(2, 30),
  })
  .strict();
/** Options of {@link tema} / {@link Tema}. */
export type TemaOptions = z.input<typeof temaOptions>;

/**
 * Triple exponential moving average (Mulloy 1994): `TEMA = 3·E1 − 3·E2 + E3` with `E1 = EMA(x)`, `E2 = EMA(E1)`,
 * `E3 = EMA(E2)`, each SMA-seeded as in TA-Lib. Lookback `3·(period − 1)`.
 *
 * @param close - input column.
 * @param options - `{ period = 30 }`.
 * @example
 * tema(close, { period: 10 }); // NaN for the first 27 values
 * @see TA-Lib `TA_TEMA`; Mulloy (1994)
 */
export function tema(close: Float64Array, options?: TemaOptions): Float64Array {
  return driveClose(new Tema(options), close);
}

/**
 * Streaming {@link tema}.
 *
 * @example
 * const t = new Tema({ period: 2 }); [1, 2, 3, 4].map((x) => t.update(x)); // → [NaN, NaN, NaN, 4]
 * @see TA-Lib `TA_TEMA`
 */
export class Tema implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly e1: Ema;
  private readonly e2: Ema;
  private readonly e3: Ema;
  private cur = Number.NaN;

  /** @param options - `{ period = 30 }`. */
  constructor(options?: TemaOptions) {
    const { period } = parseOptions(temaOptions, options, "TEMA");
    this.e1 = new Ema({ period });
    this.e2 = new Ema({ period });
    this.e3 = new Ema({ period });
    this.lookback = 3 * (period - 1);
  }

  update(x: number): number {
    const v1 = this.e1.update(x);
    if (!this.e1.isReady) return Number.NaN;
    const v2 = this.e2.update(v1);
    if (!this.e2.isReady) return Number.NaN;
    const v3 = this.e3.update(v2);
    if (!this.e3.isReady) return Number.NaN;
    this.cur = v3 + (3 * v1 - 3 * v2);
    return this.cur;
  }

  peek(x: number): number {
    const v1 = this.e1.peek(x);
    if (Number.isNaN(v1)) return Number.NaN;
    const v2 = this.e2.peek(v1);
    if (Number.isNaN(v2)) return Number.NaN;
    return this.e3.peek(v2) + (3 * v1 - 3 * v2);
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.e3.isReady;
  }

  reset(): void {
    this.e1.reset();
    this.e2.reset();
    this.e3.reset();
    this.cur = Number.NaN;
  }
}
