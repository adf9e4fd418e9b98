import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { period } from "../momentum/internal/options.js";
import { isZero } from "../momentum/internal/talibMath.js";
import { PairIndicator, pairSeries } from "./internal/pairSums.js";

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
export class Beta extends PairIndicator {
  private px = 0;
  private py = 0;
  constructor(options?: z.input<typeof betaOptions>) {
    const p = parseWith(betaOptions, options ?? {}, "BETA options").period;
    super(p, p);
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
    const s = this.sums;
    s.add(rx, ry);
    if (n < this.lookback) return Number.NaN;
    const p = s.period;
    const den = p * s.sxx - s.sx * s.sx;
    this.out = Number.isNaN(den) ? den : !isZero(den) ? (p * s.sxy - s.sx * s.sy) / den : 0.0;
    s.evict();
    return this.out;
  }
  override reset(): void {
    super.reset();
    this.px = this.py = 0;
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
  return pairSeries("beta", new Beta(options), x, y);
}
