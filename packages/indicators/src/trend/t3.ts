import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { driveClose } from "../util/drive.js";
import { parseOptions, periodSchema } from "../util/options.js";
import { Ema } from "./ema.js";

/** Options of {@link t3} / {@link T3}. */
export const t3Options = z
  .object({
    /** EMA period in bars, 2…100000. Default 5 (TA-Lib). */
    period: periodSchema(2, 5),
    /** Volume factor `a` in [0, 1]. Default 0.7 (Tillson, TA-Lib). */
    vFactor: z.number().min(0).max(1).default(0.7),
  })
  .strict();
/** Options of {@link t3} / {@link T3}. */
export type T3Options = z.input<typeof t3Options>;

/**
 * Tillson's T3: six chained SMA-seeded EMAs `e1…e6` combined as `c1·e6 + c2·e5 + c3·e4 + c4·e3` with
 * `c1 = −a³`, `c2 = 3a² + 3a³`, `c3 = −6a² − 3a − 3a³`, `c4 = 1 + 3a + a³ + 3a²` (a = vFactor), as TA-Lib.
 * Lookback `6·(period − 1)`.
 *
 * @param close - input column.
 * @param options - `{ period = 5, vFactor = 0.7 }`.
 * @example
 * t3(close, { period: 5 }); // NaN for the first 24 values
 * @see TA-Lib `TA_T3`; Tillson, T. (1998). Smoothing Techniques For More Accurate Signals. TASC 16(1).
 */
export function t3(close: Float64Array, options?: T3Options): Float64Array {
  return driveClose(new T3(options), close);
}

/**
 * Streaming {@link t3}.
 *
 * @example
 * const t = new T3({ period: 2 }); for (const x of close) t.update(x); t.value;
 * @see TA-Lib `TA_T3`
 */
export class T3 implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly e: Ema[];
  private readonly c1: number;
  private readonly c2: number;
  private readonly c3: number;
  private readonly c4: number;
  private readonly vals = new Float64Array(6);
  private cur = Number.NaN;

  /** @param options - `{ period = 5, vFactor = 0.7 }`. */
  constructor(options?: T3Options) {
    const o = parseOptions(t3Options, options, "T3");
    this.e = Array.from({ length: 6 }, () => new Ema({ period: o.period }));
    this.lookback = 6 * (o.period - 1);
    const a = o.vFactor;
    const a2 = a * a;
    this.c1 = -a2 * a;
    this.c2 = 3 * (a2 - this.c1);
    this.c3 = -6 * a2 - 3 * (a - this.c1);
    this.c4 = 1 + 3 * a - this.c1 + 3 * a2;
  }

  private combine(v3: number, v4: number, v5: number, v6: number): number {
    return this.c1 * v6 + this.c2 * v5 + this.c3 * v4 + this.c4 * v3;
  }

  update(x: number): number {
    const e = this.e;
    let v = x;
    const vals = this.vals;
    for (let i = 0; i < 6; i++) {
      v = e[i]!.update(v);
      if (!e[i]!.isReady) return Number.NaN;
      vals[i] = v;
    }
    this.cur = this.combine(vals[2]!, vals[3]!, vals[4]!, vals[5]!);
    return this.cur;
  }

  peek(x: number): number {
    const e = this.e;
    let v = x;
    const vals = this.vals;
    for (let i = 0; i < 6; i++) {
      v = e[i]!.peek(v);
      if (Number.isNaN(v)) return Number.NaN;
      vals[i] = v;
    }
    return this.combine(vals[2]!, vals[3]!, vals[4]!, vals[5]!);
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.e[5]!.isReady;
  }

  reset(): void {
    for (const e of this.e) e.reset();
    this.cur = Number.NaN;
  }
}
