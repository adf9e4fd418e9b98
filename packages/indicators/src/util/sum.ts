/**
 * Neumaier-compensated running sum: adding `n` numbers loses O(ε) instead of O(nε) of their magnitude. Use for
 * long running totals (cumulative sums over millions of values).
 *
 * @example
 * const s = new CompensatedSum(); s.add(1e16); s.add(1); s.add(-1e16); s.value; // → 1  (plain summation gives 0)
 * @see Neumaier, A. (1974). Rundungsfehleranalyse einiger Verfahren zur Summation endlicher Summen. ZAMM 54.
 */
export class CompensatedSum {
  private s = 0;
  private c = 0;

  /** Adds `x`. */
  add(x: number): void {
    const t = this.s + x;
    if (Math.abs(this.s) >= Math.abs(x)) this.c += this.s - t + x;
    else this.c += x - t + this.s;
    this.s = t;
  }

  /** The compensated total. */
  get value(): number {
    return this.s + this.c;
  }

  /** Back to zero. */
  reset(): void {
    this.s = 0;
    this.c = 0;
  }
}

/**
 * Compensated sum of `values[from..to)` (Neumaier).
 *
 * @example
 * fsum(new Float64Array([1e16, 1, -1e16])); // → 1
 */
export function fsum(values: ArrayLike<number>, from = 0, to = values.length): number {
  let s = 0;
  let c = 0;
  for (let i = from; i < to; i++) {
    const x = values[i]!;
    const t = s + x;
    if (Math.abs(s) >= Math.abs(x)) c += s - t + x;
    else c += x - t + s;
    s = t;
  }
  return s + c;
}
