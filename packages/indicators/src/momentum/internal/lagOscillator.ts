/**
 * Private shared kernel of the "value vs the value `period` bars ago" family: MOM, ROC, ROCP, ROCR, ROCR100
 * (TA-Lib's formulas, including their 0 for a zero old value) and simple/log returns. One streaming base over
 * {@link LagCore} with a loop-invariant formula selector; the seven public classes are thin subclasses.
 */
import type { StreamingIndicator } from "../../indicator.js";
import { LagCore } from "./lagCore.js";

/** `x − old` (TA-Lib MOM). */
export const LAG_MOM = 0;
/** `100·(x/old − 1)`, 0 when `old = 0` (TA-Lib ROC). */
export const LAG_ROC = 1;
/** `(x − old)/old`, 0 when `old = 0` (TA-Lib ROCP). */
export const LAG_ROCP = 2;
/** `x/old`, 0 when `old = 0` (TA-Lib ROCR). */
export const LAG_ROCR = 3;
/** `100·(x/old)`, 0 when `old = 0` (TA-Lib ROCR100). */
export const LAG_ROCR100 = 4;
/** `x/old − 1` (simple returns). */
export const LAG_RETURNS = 5;
/** `ln(x/old)` (log returns). */
export const LAG_LOG_RETURNS = 6;
export type LagFormula =
  | typeof LAG_MOM
  | typeof LAG_ROC
  | typeof LAG_ROCP
  | typeof LAG_ROCR
  | typeof LAG_ROCR100
  | typeof LAG_RETURNS
  | typeof LAG_LOG_RETURNS;

/** The selected formula of `x` against the value `period` bars before it. */
export function lagFormula(formula: LagFormula, x: number, old: number): number {
  switch (formula) {
    case LAG_MOM:
      return x - old;
    case LAG_ROC:
      return Number.isNaN(x) ? Number.NaN : old !== 0 ? (x / old - 1.0) * 100.0 : 0;
    case LAG_ROCP:
      return Number.isNaN(x) ? Number.NaN : old !== 0 ? (x - old) / old : 0;
    case LAG_ROCR:
      return Number.isNaN(x) ? Number.NaN : old !== 0 ? x / old : 0;
    case LAG_ROCR100:
      return Number.isNaN(x) ? Number.NaN : old !== 0 ? (x / old) * 100.0 : 0;
    case LAG_RETURNS:
      return x / old - 1;
    default:
      return Math.log(x / old);
  }
}

/** Streaming base of the lag family (see the module comment); lookback `period`. */
export abstract class LagOscillator implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly lag: LagCore;
  private readonly formula: LagFormula;
  private out = Number.NaN;
  protected constructor(period: number, formula: LagFormula) {
    this.lag = new LagCore(period);
    this.lookback = period;
    this.formula = formula;
  }
  update(x: number): number {
    const old = this.lag.push(x);
    if (this.lag.n <= this.lookback) return Number.NaN;
    this.out = lagFormula(this.formula, x, old);
    return this.out;
  }
  /** What `update(x)` would return: the same formula against the value `push` would return, state untouched. */
  peek(x: number): number {
    if (this.lag.n < this.lookback) return Number.NaN;
    return lagFormula(this.formula, x, this.lag.oldest());
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.lag.n > this.lookback;
  }
  reset(): void {
    this.lag.reset();
    this.out = Number.NaN;
  }
}
