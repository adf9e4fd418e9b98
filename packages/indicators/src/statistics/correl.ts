import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { StreamingIndicator } from "../indicator.js";
import { period } from "../momentum/internal/options.js";
import { shadowOf } from "../momentum/internal/peek.js";
import { isZeroOrNeg } from "../momentum/internal/talibMath.js";

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
export class Correl implements StreamingIndicator<PairInput> {
  readonly lookback: number;
  private readonly period: number;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private idx = 0;
  private n = 0;
  private sx = 0;
  private sy = 0;
  private sxx = 0;
  private syy = 0;
  private sxy = 0;
  private out = Number.NaN;
  constructor(options?: z.input<typeof correlOptions>) {
    this.period = parseWith(correlOptions, options ?? {}, "CORREL options").period;
    this.xs = new Float64Array(this.period);
    this.ys = new Float64Array(this.period);
    this.lookback = this.period - 1;
  }
  /** Scalar form of {@link update}. */
  step(x: number, y: number): number {
    const i = this.idx;
    this.sx += x;
    this.sy += y;
    this.sxx += x * x;
    this.syy += y * y;
    this.sxy += x * y;
    this.xs[i] = x;
    this.ys[i] = y;
    this.idx = i + 1 === this.period ? 0 : i + 1;
    if (this.n++ < this.lookback) return Number.NaN;
    const p = this.period;
    const t = (this.sxx - (this.sx * this.sx) / p) * (this.syy - (this.sy * this.sy) / p);
    this.out = Number.isNaN(t)
      ? t
      : !isZeroOrNeg(t)
        ? (this.sxy - (this.sx * this.sy) / p) / Math.sqrt(t)
        : 0.0;
    const o = this.idx;
    const ox = this.xs[o]!;
    const oy = this.ys[o]!;
    this.sx -= ox;
    this.sy -= oy;
    this.sxx -= ox * ox;
    this.syy -= oy * oy;
    this.sxy -= ox * oy;
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
    this.xs.fill(0);
    this.ys.fill(0);
    this.idx = 0;
    this.n = 0;
    this.sx = this.sy = this.sxx = this.syy = this.sxy = 0;
    this.out = Number.NaN;
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
  const core = new Correl(options);
  const n = x.length;
  if (y.length !== n) throw new RangeError(`correl: x has ${n} values but y has ${y.length}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.step(x[i]!, y[i]!);
  return out;
}
