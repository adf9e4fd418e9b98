/**
 * The smallest values of a sample in ascending order — every value ≤ the k-th smallest, so at least `k` of them —
 * exactly the first entries of `Float64Array.from(x).sort()` (same values, same order, −0 before +0), in expected
 * O(n + m log m) for m returned values instead of O(n log n): quickselect finds the k-th smallest value v on a copy,
 * then the values ≤ v are gathered and sorted. Historical VaR/CVaR need only the tail, so they do not sort 100,000
 * scenarios to read 5,000 of them.
 *
 * @param x - finite values (not modified).
 * @param k - 1 ≤ k ≤ x.length.
 * @returns the values ≤ the k-th smallest, ascending (length ≥ k; more only with ties at the k-th value).
 * @example
 * smallestSorted(Float64Array.of(5, -1, 3, 0, 2), 2); // → Float64Array [-1, 0]
 * @see https://en.wikipedia.org/wiki/Quickselect (Hoare 1961)
 */
export function smallestSorted(x: Float64Array, k: number): Float64Array {
  const n = x.length;
  // a large fraction of the sample: sorting all of it is as fast
  if (k * 4 > n) return Float64Array.from(x).sort();
  const v = kthSmallest(Float64Array.from(x), k - 1);
  let m = 0;
  for (let i = 0; i < n; i++) if (x[i]! <= v) m++;
  const head = new Float64Array(m);
  let j = 0;
  for (let i = 0; i < n; i++) if (x[i]! <= v) head[j++] = x[i]!;
  return head.sort();
}

/** Value of rank t (0-based) of `a` (reordered in place): Hoare quickselect, median-of-three pivot. */
function kthSmallest(a: Float64Array, t: number): number {
  let lo = 0;
  let hi = a.length - 1;
  // expected ~2 log2 n rounds; far more means an adversarial order: finish by sorting the remaining range
  let rounds = 4 * Math.ceil(Math.log2(a.length + 1)) + 8;
  while (hi > lo) {
    if (--rounds < 0) {
      a.subarray(lo, hi + 1).sort();
      return a[t]!;
    }
    const p = median3(a[lo]!, a[(lo + hi) >>> 1]!, a[hi]!);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < p) i++;
      while (a[j]! > p) j--;
      if (i <= j) {
        const s = a[i]!;
        a[i] = a[j]!;
        a[j] = s;
        i++;
        j--;
      }
    }
    // now a[lo..j] ≤ p ≤ a[i..hi] and every a[j+1..i-1] equals p
    if (t <= j) hi = j;
    else if (t >= i) lo = i;
    else return a[t]!;
  }
  return a[t]!;
}

function median3(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : Math.max(a, c);
  return a < c ? a : Math.max(b, c);
}
