import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { period } from "../momentum/internal/options.js";
import { shadowOf } from "../momentum/internal/peek.js";
import { isZero } from "../momentum/internal/talibMath.js";
import type { PairInput } from "./correl.js";

/** Options of {@link beta} / {@link Beta}: `period` (number of returns, integer ≥ 1, default 5 as TA-Lib). */
export const betaOptions = z.object({ period: period(5, 1) }).strict();
/** Parsed BETA options. */
export type BetaOptions = z.output<typeof betaOptions>;

/**
 * Streaming rolling beta of `y` on `x` from one-bar simple returns, as TA-Lib's BETA: with returns
 * `rx = (x − x₋₁)/x₋₁` (0 when `x₋₁` is TA-Lib-zero) and `ry` alike over the last `period` returns,
 * `β = (nΣrx·ry − ΣrxΣry)/(nΣrx² − (Σrx)²)`, 0 when the denominator is TA-Lib-zero. Running sums as TA-Lib.
 * Lookback `period`. Note TA-Lib's argument order: `x` (`inReal0`) is the regressor (the market).
 *
 * @param options - `{ period = 5 }`.
 * @example
 * const b = new Beta({ period: 2 });
 * [[100, 100], [110, 120], [99, 96]].map(([x, y]) => b.update({ x, y })); // → [NaN, NaN, 2]
 * @see TA-Lib `TA_BETA` (ta_BETA.c).
 */
export class Beta implements StreamingIndicator<PairInput> {
  readonly lookback: number;
  private readonly period: number;
  private readonly rxs: Float64Array;
  private readonly rys: Float64Array;
  private idx = 0;
  private n = 0;
  private px = 0;
  private py = 0;
  private sxx = 0;
  private sx = 0;
  private sxy = 0;
  private sy = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof betaOptions>) {
    this.period = parseWith(betaOptions, options ?? {}, "BETA options").period;
    this.rxs = new Float64Array(this.period);
    this.rys = new Float64Array(this.period);
    this.lookback = this.period;
  }
  /** Scalar form of {@link update}. */
  step(x: number, y: number): number {
    const n = this.n++;
    const px = this.px;
    const py = this.py;
    this.px = x;
    this.py = y;
    if (n === 0) return Number.NaN;
    const rx = !isZero(px) ? (x - px) / px : Number.isNaN(px) ? px : 0.0;
    const ry = !isZero(py) ? (y - py) / py : Number.isNaN(py) ? py : 0.0;
    this.sxx += rx * rx;
    this.sx += rx;
    this.sxy += rx * ry;
    this.sy += ry;
    const i = this.idx;
    this.rxs[i] = rx;
    this.rys[i] = ry;
    this.idx = i + 1 === this.period ? 0 : i + 1;
    if (n < this.lookback) return Number.NaN;
    const p = this.period;
    const den = p * this.sxx - this.sx * this.sx;
    this.out = Number.isNaN(den) ? den : !isZero(den) ? (p * this.sxy - this.sx * this.sy) / den : 0.0;
    const o = this.idx;
    const ox = this.rxs[o]!;
    const oy = this.rys[o]!;
    this.sxx -= ox * ox;
    this.sx -= ox;
    this.sxy -= ox * oy;
    this.sy -= oy;
    return this.out;
  }
  update(pair: PairInput): number {
    return this.step(pair.x, pair.y);
  }
  peek(pair: PairInput): number {
    return shadowOf(this).update(pair);
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.n > this.lookback;
  }
  reset(): void {
    this.rxs.fill(0);
    this.rys.fill(0);
    this.idx = 0;
    this.n = 0;
    this.px = this.py = 0;
    this.sxx = this.sx = this.sxy = this.sy = 0;
    this.out = Number.NaN;
  }
}

/**
 * Rolling beta of `y` on `x` (see {@link Beta}).
 *
 * @param x - regressor price series (TA-Lib `inReal0`, e.g. the market).
 * @param y - price series whose beta is measured (TA-Lib `inReal1`), same length.
 * @param options - `{ period = 5 }`.
 * @example
 * beta(Float64Array.of(100, 110, 99), Float64Array.of(100, 120, 96), { period: 2 }); // → [NaN, NaN, 2]
 * @see TA-Lib `TA_BETA`.
 */
export function beta(x: Float64Array, y: Float64Array, options?: z.input<typeof betaOptions>): Float64Array {
  const core = new Beta(options);
  const n = x.length;
  if (y.length !== n) throw new RangeError(`beta: x has ${n} values but y has ${y.length}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.step(x[i]!, y[i]!);
  return out;
}
