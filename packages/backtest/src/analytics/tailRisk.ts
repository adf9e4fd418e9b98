import { quantileSorted } from "./stats.js";

/**
 * Historical Value at Risk of period returns at confidence `level`, as a positive loss fraction: `−q` where `q` is
 * the (1 − level) quantile of the returns (linear interpolation, Hyndman–Fan type 7 as numpy/pandas).
 *
 * @param returns - period returns.
 * @param level - confidence, e.g. 0.95 (default).
 * @example
 * historicalVaR(Float64Array.of(-0.05, -0.01, 0, 0.01, 0.02), 0.75); // → 0.01
 * @see Jorion, "Value at Risk", 3rd ed., ch. 5 (historical simulation)
 */
export function historicalVaR(returns: Float64Array, level = 0.95): number {
  const s = Float64Array.from(returns).sort();
  return -quantileSorted(s, 1 - level);
}

/**
 * Historical Conditional VaR (expected shortfall): minus the mean of the returns at or below the VaR quantile,
 * as a positive loss fraction.
 *
 * @example
 * historicalCVaR(Float64Array.of(-0.05, -0.01, 0, 0.01, 0.02), 0.75); // → 0.03 (mean of −0.05, −0.01)
 * @see Acerbi & Tasche, "On the coherence of expected shortfall" (2002)
 */
export function historicalCVaR(returns: Float64Array, level = 0.95): number {
  const s = Float64Array.from(returns).sort();
  const q = quantileSorted(s, 1 - level);
  let sum = 0;
  let k = 0;
  for (let i = 0; i < s.length && s[i]! <= q; i++) {
    sum += s[i]!;
    k++;
  }
  return k === 0 ? Number.NaN : -sum / k;
}
