/**
 * Private numeric conventions copied from TA-Lib's `ta_utility.h` (the TA-Lib C sources bundled with the
 * `talib@1.1.6` oracle), so quantkit takes the same branches TA-Lib does.
 */

/** TA-Lib's `TA_EPSILON`. */
export const TA_EPSILON = 0.00000000000001;

/** TA-Lib's `TA_IS_ZERO(v)`: |v| < 1e-14. */
export function isZero(v: number): boolean {
  return -TA_EPSILON < v && v < TA_EPSILON;
}

/** TA-Lib's `TA_IS_ZERO_OR_NEG(v)`: v < 1e-14. */
export function isZeroOrNeg(v: number): boolean {
  return v < TA_EPSILON;
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
