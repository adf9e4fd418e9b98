/**
 * Private core of RSI and CMO: TA-Lib's Wilder-smoothed average gain and average loss of a price series, seeded
 * with the simple average of the first `period` changes. The two indicators differ only in how they combine the
 * averages into an output ({@link GAIN_LOSS_RSI}: `100·g/(g+l)`, {@link GAIN_LOSS_CMO}: `100·(g−l)/(g+l)`; both 0
 * when `g + l` is TA-Lib's zero), so both share this arithmetic and stay bit-identical to TA-Lib and to each other's
 * smoothing.
 */
import type { StreamingIndicator } from "../../indicator.js";
import { shadowOf } from "./peek.js";
import { isZero } from "./talibMath.js";

/** Output formula selector: RSI. */
export const GAIN_LOSS_RSI = 0;
/** Output formula selector: CMO. */
export const GAIN_LOSS_CMO = 1;
export type GainLossFormula = typeof GAIN_LOSS_RSI | typeof GAIN_LOSS_CMO;

function combine(formula: GainLossFormula, gain: number, loss: number): number {
  const s = gain + loss;
  if (isZero(s)) return 0;
  return formula === GAIN_LOSS_RSI ? 100 * (gain / s) : 100 * ((gain - loss) / s);
}

/** Streaming state of the shared core; `update` returns the indicator value (NaN during the warm-up). */
export class WilderGainLoss {
  private count = 0;
  private prev = 0;
  private gain = 0;
  private loss = 0;
  out = Number.NaN;

  constructor(
    private readonly period: number,
    private readonly formula: GainLossFormula,
  ) {}

  update(x: number): number {
    const p = this.period;
    const c = this.count;
    if (c === 0) {
      this.prev = x;
      this.count = 1;
      return Number.NaN;
    }
    const d = x - this.prev;
    this.prev = x;
    if (c > p) {
      // TA-Lib's `loss *= p−1; if (d < 0) loss −= d; else gain += d; loss /= p` (and gain alike), written without
      // the data-dependent branch: (|d| − d)/2 is exactly −d for d < 0 and +0 otherwise, (d + |d|)/2 exactly d
      // for d > 0 and +0 otherwise, and adding +0 changes nothing, so the result is bit-identical to TA-Lib.
      const a = Math.abs(d);
      this.loss = (this.loss * (p - 1) + (a - d) * 0.5) / p;
      this.gain = (this.gain * (p - 1) + (d + a) * 0.5) / p;
    } else {
      if (d < 0) this.loss -= d;
      else this.gain += d;
      this.count = c + 1;
      if (c < p) return Number.NaN;
      this.loss /= p;
      this.gain /= p;
    }
    this.out = combine(this.formula, this.gain, this.loss);
    return this.out;
  }

  get isReady(): boolean {
    return this.count > this.period;
  }

  reset(): void {
    this.count = 0;
    this.prev = 0;
    this.gain = 0;
    this.loss = 0;
    this.out = Number.NaN;
  }
}

/**
 * The public streaming face of RSI and CMO: {@link Rsi} and {@link Cmo} are thin subclasses that only parse their
 * options and pick the output formula, so the two classes cannot drift apart. `peek` runs `update` on a shadow copy
 * ({@link shadowOf}), which copies the subclass instance field by field.
 */
export abstract class GainLossOscillator implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly core: WilderGainLoss;

  protected constructor(period: number, formula: GainLossFormula) {
    this.lookback = period;
    this.core = new WilderGainLoss(period, formula);
  }

  update(x: number): number {
    return this.core.update(x);
  }

  peek(x: number): number {
    return shadowOf(this).update(x);
  }

  get value(): number {
    return this.core.out;
  }

  get isReady(): boolean {
    return this.core.isReady;
  }

  reset(): void {
    this.core.reset();
  }
}

/**
 * The same arithmetic as {@link WilderGainLoss.update} over a whole column in one loop over locals (the class's
 * per-step field loads and stores cost ~30 % at 1M points); `formula` is loop-invariant, so its branch is free.
 */
export function wilderGainLossSeries(close: Float64Array, p: number, formula: GainLossFormula): Float64Array {
  const n = close.length;
  const out = new Float64Array(n);
  out.fill(Number.NaN, 0, Math.min(p, n));
  if (n <= p) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= p; i++) {
    const d = close[i]! - close[i - 1]!;
    if (d < 0) loss -= d;
    else gain += d;
  }
  loss /= p;
  gain /= p;
  out[p] = combine(formula, gain, loss);
  const q = p - 1;
  let prev = close[p]!;
  for (let i = p + 1; i < n; i++) {
    const x = close[i]!;
    const d = x - prev;
    prev = x;
    const a = Math.abs(d);
    loss = (loss * q + (a - d) * 0.5) / p;
    gain = (gain * q + (d + a) * 0.5) / p;
    const s = gain + loss;
    out[i] = isZero(s) ? 0 : formula === GAIN_LOSS_RSI ? 100 * (gain / s) : 100 * ((gain - loss) / s);
  }
  return out;
}
