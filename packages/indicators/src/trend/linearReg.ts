import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { driveClose } from "../util/drive.js";
import { parseOptions, periodSchema } from "../util/options.js";

/** Options of the linear-regression family ({@link linearReg}, {@link linearRegSlope}, …). */
export const linearRegOptions = z
  .object({
    /** Regression window in bars, 2…100000. Default 14 (TA-Lib). */
    period: periodSchema(2, 14),
  })
  .strict();
/** Options of the linear-regression family. */
export type LinearRegOptions = z.input<typeof linearRegOptions>;

type Pick = "value" | "slope" | "intercept" | "angle" | "tsf";
const RAD_TO_DEG = 180 / Math.PI;

/**
 * Least-squares line through the last `period` values with x = 0 (oldest) … p−1 (newest), evaluated as TA-Lib does
 * (Σ over the window each bar, O(period), so no running-sum drift): `m = (p·Σxy − Σx·Σy) / (Σx² … )`,
 * `b = (Σy − m·Σx)/p`. The five faces pick: value at the newest bar `b + m·(p−1)` (LINEARREG), slope `m`
 * (LINEARREG_SLOPE), intercept `b` (LINEARREG_INTERCEPT), angle `atan(m)` in degrees (LINEARREG_ANGLE), and the
 * one-bar forecast `b + m·p` (TSF). Lookback `period − 1`.
 * @internal
 */
abstract class LinearRegBase implements StreamingIndicator<number> {
  readonly period: number;
  readonly lookback: number;
  private readonly buf: Float64Array;
  private readonly sumX: number;
  private readonly divisor: number;
  private head = 0;
  private count = 0;
  private cur = Number.NaN;
  protected abstract readonly pick: Pick;

  constructor(options: LinearRegOptions | undefined, what: string) {
    const p = parseOptions(linearRegOptions, options, what).period;
    this.period = p;
    this.lookback = p - 1;
    this.buf = new Float64Array(p);
    this.sumX = p * (p - 1) * 0.5;
    const sumXSqr = (p * (p - 1) * (2 * p - 1)) / 6;
    this.divisor = this.sumX * this.sumX - p * sumXSqr;
  }

  /** Regression over the window ending with `x` (the ring holds the previous p−1 values before `head`). */
  private compute(x: number): number {
    const p = this.period;
    const buf = this.buf;
    let sumXY = 0;
    let sumY = 0;
    // i = bars ago, from p−1 (oldest) down to 0 (x itself), as TA-Lib.
    for (let i = p - 1; i > 0; i--) {
      let j = this.head - i;
      if (j < 0) j += p;
      const v = buf[j]!;
      sumY += v;
      sumXY += i * v;
    }
    sumY += x;
    sumXY += 0 * x;
    const m = (p * sumXY - this.sumX * sumY) / this.divisor;
    const b = (sumY - m * this.sumX) / p;
    switch (this.pick) {
      case "value":
        return b + m * (p - 1);
      case "slope":
        return m;
      case "intercept":
        return b;
      case "angle":
        return Math.atan(m) * RAD_TO_DEG;
      default:
        return b + m * p;
    }
  }

  update(x: number): number {
    const p = this.period;
    let out = Number.NaN;
    if (this.count >= p - 1) {
      out = this.compute(x);
      this.cur = out;
      this.count = p;
    } else {
      this.count++;
    }
    this.buf[this.head] = x;
    this.head = this.head + 1 === p ? 0 : this.head + 1;
    return out;
  }

  peek(x: number): number {
    return this.count >= this.period - 1 ? this.compute(x) : Number.NaN;
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.count === this.period;
  }

  reset(): void {
    this.head = 0;
    this.count = 0;
    this.cur = Number.NaN;
  }
}

/**
 * Streaming {@link linearReg}: the regression line's value at the newest bar.
 *
 * @example
 * const l = new LinearReg({ period: 3 }); [1, 2, 4].map((x) => l.update(x)); // → [NaN, NaN, 3.8333…]
 * @see TA-Lib `TA_LINEARREG`
 */
export class LinearReg extends LinearRegBase {
  protected readonly pick = "value";
  /** @param options - `{ period = 14 }`. */
  constructor(options?: LinearRegOptions) {
    super(options, "LINEARREG");
  }
}

/**
 * Streaming {@link linearRegSlope}.
 *
 * @example
 * const s = new LinearRegSlope({ period: 3 }); [1, 2, 4].map((x) => s.update(x)); // → [NaN, NaN, 1.5]
 * @see TA-Lib `TA_LINEARREG_SLOPE`
 */
export class LinearRegSlope extends LinearRegBase {
  protected readonly pick = "slope";
  /** @param options - `{ period = 14 }`. */
  constructor(options?: LinearRegOptions) {
    super(options, "LINEARREG_SLOPE");
  }
}

/**
 * Streaming {@link linearRegIntercept}.
 *
 * @example
 * const s = new LinearRegIntercept({ period: 3 }); [1, 2, 4].map((x) => s.update(x)); // → [NaN, NaN, 0.8333…]
 * @see TA-Lib `TA_LINEARREG_INTERCEPT`
 */
export class LinearRegIntercept extends LinearRegBase {
  protected readonly pick = "intercept";
  /** @param options - `{ period = 14 }`. */
  constructor(options?: LinearRegOptions) {
    super(options, "LINEARREG_INTERCEPT");
  }
}

/**
 * Streaming {@link linearRegAngle}.
 *
 * @example
 * const s = new LinearRegAngle({ period: 3 }); [1, 2, 3].map((x) => s.update(x)); // → [NaN, NaN, 45]
 * @see TA-Lib `TA_LINEARREG_ANGLE`
 */
export class LinearRegAngle extends LinearRegBase {
  protected readonly pick = "angle";
  /** @param options - `{ period = 14 }`. */
  constructor(options?: LinearRegOptions) {
    super(options, "LINEARREG_ANGLE");
  }
}

/**
 * Streaming {@link tsf}.
 *
 * @example
 * const s = new Tsf({ period: 3 }); [1, 2, 3].map((x) => s.update(x)); // → [NaN, NaN, 4]
 * @see TA-Lib `TA_TSF`
 */
export class Tsf extends LinearRegBase {
  protected readonly pick = "tsf";
  /** @param options - `{ period = 14 }`. */
  constructor(options?: LinearRegOptions) {
    super(options, "TSF");
  }
}

/**
 * Linear regression value at the newest bar of each `period` window (least squares, x = bar index). Lookback
 * `period − 1`; the family's formulas are on {@link LinearReg}.
 *
 * @param close - input column.
 * @param options - `{ period = 14 }`.
 * @example
 * linearReg(new Float64Array([1, 2, 4]), { period: 3 }); // → [NaN, NaN, 3.8333…]
 * @see TA-Lib `TA_LINEARREG`
 */
export function linearReg(close: Float64Array, options?: LinearRegOptions): Float64Array {
  return driveClose(new LinearReg(options), close);
}

/**
 * Slope `m` (price units per bar) of the least-squares line over each window. Lookback `period − 1`.
 *
 * @param close - input column.
 * @param options - `{ period = 14 }`.
 * @example
 * linearRegSlope(new Float64Array([1, 2, 4]), { period: 3 }); // → [NaN, NaN, 1.5]
 * @see TA-Lib `TA_LINEARREG_SLOPE`
 */
export function linearRegSlope(close: Float64Array, options?: LinearRegOptions): Float64Array {
  return driveClose(new LinearRegSlope(options), close);
}

/**
 * Intercept `b`: the fitted value at the oldest bar of each window. Lookback `period − 1`.
 *
 * @param close - input column.
 * @param options - `{ period = 14 }`.
 * @example
 * linearRegIntercept(new Float64Array([1, 2, 4]), { period: 3 }); // → [NaN, NaN, 0.8333…]
 * @see TA-Lib `TA_LINEARREG_INTERCEPT`
 */
export function linearRegIntercept(close: Float64Array, options?: LinearRegOptions): Float64Array {
  return driveClose(new LinearRegIntercept(options), close);
}

/**
 * Angle of the regression line in degrees, `atan(m)·180/π` (depends on the price scale, as in TA-Lib). Lookback
 * `period − 1`.
 *
 * @param close - input column.
 * @param options - `{ period = 14 }`.
 * @example
 * linearRegAngle(new Float64Array([1, 2, 3]), { period: 3 }); // → [NaN, NaN, 45]
 * @see TA-Lib `TA_LINEARREG_ANGLE`
 */
export function linearRegAngle(close: Float64Array, options?: LinearRegOptions): Float64Array {
  return driveClose(new LinearRegAngle(options), close);
}

/**
 * Time series forecast: the regression line extended one bar ahead, `b + m·period`. Lookback `period − 1`.
 *
 * @param close - input column.
 * @param options - `{ period = 14 }`.
 * @example
 * tsf(new Float64Array([1, 2, 3]), { period: 3 }); // → [NaN, NaN, 4]
 * @see TA-Lib `TA_TSF`
 */
export function tsf(close: Float64Array, options?: LinearRegOptions): Float64Array {
  return driveClose(new Tsf(options), close);
}
