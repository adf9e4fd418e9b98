import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { period } from "../momentum/internal/options.js";
import { isZeroOrNeg } from "../momentum/internal/talibMath.js";
import { PairIndicator, pairSeries } from "./internal/pairSums.js";

/** Options of {@link correl} / {@link Correl}: `period` (bars, integer ≥ 1, default 30). */
export const correlOptions = z.object({ period: period(30, 1) }).strict();
/** Parsed CORREL options. */
export type CorrelOptions = z.output<typeof correlOptions>;

/** One observation of a pair of series (`x` = TA-Lib's `inReal0`, `y` = `inReal1`). */
export interface PairInput {
  readonly x: number;
  readonly y: number;
}

/**
 * Streaming rolling Pearson correlation of two series over the last `period` pairs, computed as TA-Lib does from
 * running sums: `(Σxy − ΣxΣy/n)/√((Σx² − (Σx)²/n)(Σy² − (Σy)²/n))`, 0 when the variance product is TA-Lib-zero or
 * negative. Lookback `period − 1`. A NaN pair makes later values NaN (running sums) until `reset()`.
 *
 * @param options - `{ period = 30 }`.
 * @example
 * const c = new Correl({ period: 3 });
 * [[1, 2], [2, 4], [3, 7]].map(([x, y]) => c.update({ x, y })); // → [NaN, NaN, 0.9933992677987828]
 * @see TA-Lib `TA_CORREL` (ta_CORREL.c).
 */
export class Correl extends PairIndicator {
  constructor(options?: z.input<typeof correlOptions>) {
    const p = parseWith(correlOptions, options ?? {}, "CORREL options").period;
    super(p, p - 1);
  }
  /** Scalar form of {@link update}. */
  step(x: number, y: number): number {
    const s = this.sums;
    s.add(x, y);
    if (this.n++ < this.lookback) return Number.NaN;
    const p = s.period;
    const t = (s.sxx - (s.sx * s.sx) / p) * (s.syy - (s.sy * s.sy) / p);
    this.out = Number.isNaN(t) ? t : !isZeroOrNeg(t) ? (s.sxy - (s.sx * s.sy) / p) / Math.sqrt(t) : 0.0;
    s.evict();
    return this.out;
  }
}

/**
 * Rolling Pearson correlation of two columns (see {@link Correl}).
 *
 * @param x - first series (TA-Lib `inReal0`).
 * @param y - second series, same length.
 * @param options - `{ period = 30 }`.
 * @example
 * correl(Float64Array.of(1, 2, 3), Float64Array.of(2, 4, 7), { period: 3 }); // → [NaN, NaN, 0.9933992677987828]
 * @see TA-Lib `TA_CORREL`.
 */
export function correl(
  x: Float64Array,
  y: Float64Array,
  options?: z.input<typeof correlOptions>,
): Float64Array {
  return pairSeries("correl", new Correl(options), x, y);
}
