/**
 * Private true range of TRANGE and ATR: `max(high, prevClose) − min(low, prevClose)`, which is TA-Lib's
 * `max(high − low, |prevClose − high|, |prevClose − low|)` bit for bit (each is one exact difference of two of the
 * three prices), with `Math.max`'s NaN policy (a NaN high, low or previous close gives NaN).
 *
 * Why not just `Math.max`/`Math.min`: V8 compiles them (and any ternary or `if`) to data-dependent branches, and
 * whether the previous close lies above the high, below the low or between them is a coin toss on real prices, so
 * ~1 branch in 2 is mispredicted; inside ATR that doubled the time of the otherwise latency-bound Wilder loop.
 * The fast path is branch-free arithmetic that gives the same bits: when the three prices are non-negative, finite
 * and pairwise within a factor 2 of each other (one well-predicted test, true for every real bar), every difference
 * of two of them is exact (Sterbenz's lemma), so with `d = prevClose − high` and `e = low − prevClose`,
 * `(high − low) + (max(0, d) + max(0, e))` — where `max(0, x) = (x + |x|)/2` is exact too — adds up exact terms to
 * the exact true range, which is representable, hence computed without rounding. Anything else (gaps of 2× or
 * more, zero or negative prices, NaN, ±∞) takes the `Math.max`/`Math.min` path. Checked bit for bit against it on
 * millions of random, neighbouring-ulp and special-value triples (`trueRange.test.ts`).
 *
 * @example
 * trueRange(10, 9, 9.5); // → 1; trueRange(10, 9, 12); // → 3 (gap up: prevClose − low)
 */
export function trueRange(high: number, low: number, prevClose: number): number {
  if (
    high < 4.49423283715579e307 && // 2^1022: the doublings below cannot overflow
    high <= low + low &&
    low <= high + high &&
    prevClose <= high + high &&
    high <= prevClose + prevClose &&
    low <= prevClose + prevClose &&
    prevClose <= low + low
  ) {
    const d = prevClose - high;
    const e = low - prevClose;
    return high - low + (d + Math.abs(d) + (e + Math.abs(e))) * 0.5;
  }
  return Math.max(high, prevClose) - Math.min(low, prevClose);
}
