/**
 * Private shared face of PLUS_DM, MINUS_DM, PLUS_DI, MINUS_DI and DX: one class over {@link DmCore} with a
 * loop-invariant selector for which smoothed quantity it reports, so the five public classes are thin subclasses
 * and their arithmetic is one piece of code (the TA-Lib formulas of `ta_PLUS_DM.c` … `ta_DX.c`).
 */
import { DmCore } from "./dmCore.js";
import { HlcIndicator } from "./hlcIndicator.js";
import { isZero } from "./talibMath.js";

/** Output selector: Wilder-smoothed +DM. */
export const DIR_PLUS_DM = 0;
/** Output selector: Wilder-smoothed −DM. */
export const DIR_MINUS_DM = 1;
/** Output selector: +DI. */
export const DIR_PLUS_DI = 2;
/** Output selector: −DI. */
export const DIR_MINUS_DI = 3;
/** Output selector: DX. */
export const DIR_DX = 4;
export type DirectionalOutput =
  | typeof DIR_PLUS_DM
  | typeof DIR_MINUS_DM
  | typeof DIR_PLUS_DI
  | typeof DIR_MINUS_DI
  | typeof DIR_DX;

/** TA-Lib's lookback: `period − 1` for ±DM (1 for period 1), `period` for ±DI and DX. */
function directionalLookback(period: number, output: DirectionalOutput): number {
  if (output === DIR_PLUS_DM || output === DIR_MINUS_DM) return period > 1 ? period - 1 : 1;
  return period;
}

/** TA-Lib's DI for period 1: the unscaled ratio `rawDM/TR` of the bar (0·rawDM, i.e. 0 or NaN, when rawDM ≤ 0). */
function rawDi(dm: number, tr: number): number {
  return dm > 0 ? (isZero(tr) ? 0 : dm / tr) : dm * 0;
}

/** Base of the directional-movement classes (see the module comment). */
export abstract class DirectionalIndicator extends HlcIndicator<DmCore> {
  private readonly output: DirectionalOutput;

  protected constructor(period: number, output: DirectionalOutput) {
    super(new DmCore(period), directionalLookback(period, output));
    this.output = output;
  }

  /** Scalar form of `update`; `close` (default 0) is not read by ±DM. */
  step(high: number, low: number, close = 0): number {
    const c = this.core;
    const n = c.step(high, low, close);
    if (n <= this.lookback) return Number.NaN;
    switch (this.output) {
      case DIR_PLUS_DM:
        this.out = c.plusDm;
        break;
      case DIR_MINUS_DM:
        this.out = c.minusDm;
        break;
      case DIR_PLUS_DI:
        this.out = c.period === 1 ? rawDi(c.rawPlusDm, c.rawTr) : isZero(c.tr) ? 0 : 100 * (c.plusDm / c.tr);
        break;
      case DIR_MINUS_DI:
        this.out =
          c.period === 1 ? rawDi(c.rawMinusDm, c.rawTr) : isZero(c.tr) ? 0 : 100 * (c.minusDm / c.tr);
        break;
      default: {
        // DX: TA-Lib repeats the previous value when TR or +DI + −DI is zero (0 on the first bar).
        const v = c.dx();
        if (v >= 0 || Number.isNaN(v)) this.out = v;
        else if (n === this.lookback + 1) this.out = 0;
      }
    }
    return this.out;
  }
}
