import { QuantkitError } from "@quantkit/core";

/** Result of {@link hungarian}: `rowToCol[i]` is the column assigned to row i (−1 if none) and the total cost. */
export interface Assignment {
  readonly rowToCol: Int32Array;
  readonly cost: number;
}

/**
 * Minimum-cost assignment of rows to columns (Hungarian algorithm, O(n²m) with potentials). Rectangular matrices
 * are allowed: with more rows than columns, some rows stay unassigned (−1).
 *
 * @param cost - the cost matrix as rows (`cost[i][j]`), all finite.
 * @example
 * hungarian([[4, 1, 3], [2, 0, 5], [3, 2, 2]]); // → { rowToCol: Int32Array [1, 0, 2], cost: 5 }
 * @see H. W. Kuhn (1955), "The Hungarian method for the assignment problem"; scipy.optimize.linear_sum_assignment
 *   (the oracle of the tests).
 */
export function hungarian(cost: readonly (readonly number[])[] | readonly Float64Array[]): Assignment {
  const n0 = cost.length;
  const m0 = n0 ? cost[0]!.length : 0;
  for (let i = 0; i < n0; i++) {
    const row = cost[i]!;
    if (row.length !== m0)
      throw new QuantkitError(`hungarian: row ${i} has ${row.length} columns, expected ${m0}`);
    for (let j = 0; j < m0; j++)
      if (!Number.isFinite(row[j]!)) throw new QuantkitError(`hungarian: cost[${i}][${j}] is not finite`);
  }
  const transpose = n0 > m0;
  const n = transpose ? m0 : n0;
  const m = transpose ? n0 : m0;
  const a = (i: number, j: number) => (transpose ? cost[j]![i]! : cost[i]![j]!);
  // 1-based arrays as in the classic formulation.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Number.POSITIVE_INFINITY);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = a(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0);
  }
  const rowToCol = new Int32Array(n0).fill(-1);
  let total = 0;
  for (let j = 1; j <= m; j++) {
    if (p[j]! === 0) continue;
    const i = p[j]! - 1;
    if (transpose) rowToCol[j - 1] = i;
    else rowToCol[i] = j - 1;
    total += a(i, j - 1);
  }
  return { rowToCol, cost: total };
}
