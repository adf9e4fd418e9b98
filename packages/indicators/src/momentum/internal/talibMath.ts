/**
 * Private numeric conventions copied from TA-Lib's `ta_func.h`, so quantkit takes the same branches TA-Lib does.
 */

/** TA-Lib's `TA_IS_ZERO(v)`: |v| < 1e-8. */
export function isZero(v: number): boolean {
  return -0.00000001 < v && v < 0.00000001;
}

/** TA-Lib's `TA_IS_ZERO_OR_NEG(v)`: v < 1e-8. */
export function isZeroOrNeg(v: number): boolean {
  return v < 0.00000001;
}

/** TA-Lib's `TRUE_RANGE(high, low, prevClose)` macro. */
export function trueRange(high: number, low: number, prevClose: number): number {
  let tr = high - low;
  const a = Math.abs(prevClose - high);
  if (a > tr) tr = a;
  const b = Math.abs(prevClose - low);
  if (b > tr) tr = b;
  return tr;
}
