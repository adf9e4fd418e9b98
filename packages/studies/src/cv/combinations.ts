import { ValidationError } from "@quantkit/core";

/**
 * Binomial coefficient C(n, k) computed exactly for the sizes studies use (results below 2^53).
 *
 * @param n - set size (≥ 0).
 * @param k - subset size.
 * @example
 * binomial(16, 8); // → 12870
 * @see https://en.wikipedia.org/wiki/Binomial_coefficient
 */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  const kk = Math.min(k, n - k);
  let c = 1;
  for (let i = 1; i <= kk; i++) c = (c * (n - kk + i)) / i;
  return Math.round(c);
}

/**
 * All k-subsets of {0, …, n−1} in lexicographic order (Python's `itertools.combinations(range(n), k)` order),
 * each as a sorted array of indices.
 *
 * @param n - set size.
 * @param k - subset size (0 ≤ k ≤ n).
 * @param limit - refuse to enumerate more than this many subsets. @default 1_000_000
 * @example
 * combinations(4, 2); // → [[0,1],[0,2],[0,3],[1,2],[1,3],[2,3]]
 * @see https://docs.python.org/3/library/itertools.html#itertools.combinations
 */
export function combinations(n: number, k: number, limit = 1_000_000): number[][] {
  if (!Number.isInteger(n) || !Number.isInteger(k) || n < 0 || k < 0 || k > n) {
    throw new ValidationError("combinations", [
      { path: "n/k", message: `expected integers 0 ≤ k ≤ n, got n = ${n}, k = ${k}` },
    ]);
  }
  const total = binomial(n, k);
  if (total > limit) {
    throw new ValidationError("combinations", [
      { path: "n/k", message: `C(${n}, ${k}) = ${total} subsets exceed the limit of ${limit}` },
    ]);
  }
  const out: number[][] = [];
  const c = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    out.push(c.slice());
    let i = k - 1;
    while (i >= 0 && c[i] === n - k + i) i--;
    if (i < 0) return out;
    c[i]!++;
    for (let j = i + 1; j < k; j++) c[j] = c[j - 1]! + 1;
  }
}

/**
 * Splits `length` items into `parts` contiguous groups whose sizes differ by at most one, the larger groups first
 * (numpy's `array_split` rule). Returns the `parts + 1` boundaries: group g is [b[g], b[g+1]).
 *
 * @param length - number of items.
 * @param parts - number of groups (1 ≤ parts ≤ length).
 * @example
 * splitBoundaries(10, 3); // → [0, 4, 7, 10]
 * @see https://numpy.org/doc/stable/reference/generated/numpy.array_split.html
 */
export function splitBoundaries(length: number, parts: number): number[] {
  if (!Number.isInteger(parts) || parts < 1 || parts > length) {
    throw new ValidationError("group split", [
      {
        path: "groups",
        message: `expected an integer in [1, ${length}] (one sample per group at least), got ${parts}`,
      },
    ]);
  }
  const base = Math.floor(length / parts);
  const extra = length % parts;
  const b = [0];
  for (let g = 0; g < parts; g++) b.push(b[g]! + base + (g < extra ? 1 : 0));
  return b;
}
