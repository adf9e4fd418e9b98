import { isZero, trueRange } from "./talibMath.js";

/**
 * Private kernel of TA-Lib's directional-movement family (PLUS_DM, MINUS_DM, PLUS_DI, MINUS_DI, DX, ADX, ADXR):
 * Wilder-smoothed +DM, −DM and true range, seeded by summing the first `period − 1` raw values, exactly as
 * `ta_PLUS_DM.c` … `ta_ADX.c` do. `step` returns the number of bars seen so far; read the fields afterwards.
 */
export class DmCore {
  readonly period: number;
  /** Bars consumed (the current bar's index + 1). */
  n = 0;
  plusDm = 0;
  minusDm = 0;
  tr = 0;
  /** Raw (unsmoothed) +DM, −DM and TR of the latest bar, for period 1. */
  rawPlusDm = 0;
  rawMinusDm = 0;
  rawTr = 0;
  private prevHigh = 0;
  private prevLow = 0;
  private prevClose = 0;
  constructor(period: number) {
    this.period = period;
  }
  step(high: number, low: number, close: number): number {
    const n = this.n++;
    if (n === 0) {
      this.prevHigh = high;
      this.prevLow = low;
      this.prevClose = close;
      return 1;
    }
    const p = this.period;
    const diffP = high - this.prevHigh;
    const diffM = this.prevLow - low;
    this.prevHigh = high;
    this.prevLow = low;
    const tr = trueRange(high, low, this.prevClose);
    this.prevClose = close;
    let dmP = 0;
    let dmM = 0;
    if (diffM > 0 && diffP < diffM) dmM = diffM;
    else if (diffP > 0 && diffP > diffM) dmP = diffP;
    else if (Number.isNaN(diffP) || Number.isNaN(diffM)) dmP = dmM = Number.NaN;
    this.rawPlusDm = dmP;
    this.rawMinusDm = dmM;
    this.rawTr = tr;
    if (n < p) {
      this.plusDm += dmP;
      this.minusDm += dmM;
      this.tr += tr;
    } else {
      this.minusDm -= this.minusDm / p;
      this.plusDm -= this.plusDm / p;
      this.minusDm += dmM;
      this.plusDm += dmP;
      this.tr = this.tr - this.tr / p + tr;
    }
    return n + 1;
  }
  /** TA-Lib's DX formula from the smoothed sums; −1 when TA-Lib would keep the previous value; NaN propagates. */
  dx(): number {
    if (isZero(this.tr)) return -1;
    const minusDi = 100 * (this.minusDm / this.tr);
    const plusDi = 100 * (this.plusDm / this.tr);
    const sum = minusDi + plusDi;
    if (isZero(sum)) return -1;
    return 100 * (Math.abs(minusDi - plusDi) / sum);
  }
  reset(): void {
    this.n = 0;
    this.plusDm = 0;
    this.minusDm = 0;
    this.tr = 0;
    this.rawPlusDm = 0;
    this.rawMinusDm = 0;
    this.rawTr = 0;
    this.prevHigh = 0;
    this.prevLow = 0;
    this.prevClose = 0;
  }
}
