/**
 * Private shared pieces of TA-Lib's BETA and CORREL: the rolling sums `Σx, Σy, Σx², Σy², Σxy` over the last
 * `period` pairs kept as TA-Lib keeps them (add the new pair, read, then subtract the oldest), the streaming shell
 * of a two-series indicator, and its column loop. Beta feeds it one-bar returns, correlation the raw values.
 */
import type { StreamingIndicator } from "../../indicator.js";
import { shadowOf } from "../../momentum/internal/peek.js";
import type { PairInput } from "../correl.js";

/** Running sums over a ring of the last `period` pairs. */
export class RollingPairSums {
  sx = 0;
  sy = 0;
  sxx = 0;
  syy = 0;
  sxy = 0;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private idx = 0;
  constructor(readonly period: number) {
    this.xs = new Float64Array(period);
    this.ys = new Float64Array(period);
  }
  /** Adds a pair to the sums (the window now holds `period + 1` pairs until {@link evict}). */
  add(x: number, y: number): void {
    this.sx += x;
    this.sy += y;
    this.sxx += x * x;
    this.syy += y * y;
    this.sxy += x * y;
    const i = this.idx;
    this.xs[i] = x;
    this.ys[i] = y;
    this.idx = i + 1 === this.period ? 0 : i + 1;
  }
  /** Subtracts the oldest pair (the one the next {@link add} overwrites). */
  evict(): void {
    const o = this.idx;
    const ox = this.xs[o]!;
    const oy = this.ys[o]!;
    this.sx -= ox;
    this.sy -= oy;
    this.sxx -= ox * ox;
    this.syy -= oy * oy;
    this.sxy -= ox * oy;
  }
  reset(): void {
    this.xs.fill(0);
    this.ys.fill(0);
    this.idx = 0;
    this.sx = this.sy = this.sxx = this.syy = this.sxy = 0;
  }
}

/** Streaming shell of BETA and CORREL: subclasses implement `step(x, y)` over {@link RollingPairSums}. */
export abstract class PairIndicator implements StreamingIndicator<PairInput> {
  readonly lookback: number;
  protected readonly sums: RollingPairSums;
  protected n = 0;
  protected out = Number.NaN;
  protected constructor(period: number, lookback: number) {
    this.sums = new RollingPairSums(period);
    this.lookback = lookback;
  }
  /** Scalar form of {@link update}. */
  abstract step(x: number, y: number): number;
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
    this.sums.reset();
    this.n = 0;
    this.out = Number.NaN;
  }
}

/** The vectorized face of a {@link PairIndicator}; `x` and `y` must have the same length (else a RangeError). */
export function pairSeries(name: string, ind: PairIndicator, x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`${name}: x has ${n} values but y has ${y.length}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ind.step(x[i]!, y[i]!);
  return out;
}
