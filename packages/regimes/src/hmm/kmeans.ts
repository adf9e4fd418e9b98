import type { Rng } from "@quantkit/core";
import type { Rows } from "./observations.js";

/** Result of {@link kmeans}: cluster index per row and K×D row-major centres (in the data's own units). */
export interface KmeansResult {
  readonly labels: Int32Array;
  readonly centers: Float64Array;
}

/**
 * k-means++ seeding (D² sampling on standardised features) followed by `iterations` Lloyd steps. Used to
 * initialise `GaussianHmm.fit`; deterministic for a given `rng`.
 *
 * @param rows - row-major T×D data.
 * @param K - number of clusters (≤ T).
 * @param rng - a `@quantkit/core` Rng (the restart's stream).
 * @param iterations - Lloyd iterations after seeding (0 keeps the k-means++ seeds). @default 20
 * @see D. Arthur, S. Vassilvitskii (2007), "k-means++: the advantages of careful seeding", SODA.
 */
export function kmeans(rows: Rows, K: number, rng: Rng, iterations = 20): KmeansResult {
  const { x, T, D } = rows;
  const mean = new Float64Array(D);
  const scale = new Float64Array(D);
  for (let t = 0; t < T; t++) for (let d = 0; d < D; d++) mean[d] = mean[d]! + x[t * D + d]!;
  for (let d = 0; d < D; d++) mean[d] = mean[d]! / T;
  for (let t = 0; t < T; t++)
    for (let d = 0; d < D; d++) scale[d] = scale[d]! + (x[t * D + d]! - mean[d]!) ** 2;
  for (let d = 0; d < D; d++) scale[d] = 1 / (Math.sqrt(scale[d]! / T) || 1);
  const z = new Float64Array(T * D);
  for (let t = 0; t < T; t++)
    for (let d = 0; d < D; d++) z[t * D + d] = (x[t * D + d]! - mean[d]!) * scale[d]!;

  const centers = new Float64Array(K * D);
  const dist = new Float64Array(T).fill(Number.POSITIVE_INFINITY);
  let pick = rng.int(T);
  for (let k = 0; k < K; k++) {
    for (let d = 0; d < D; d++) centers[k * D + d] = z[pick * D + d]!;
    let total = 0;
    for (let t = 0; t < T; t++) {
      let s = 0;
      for (let d = 0; d < D; d++) {
        const e = z[t * D + d]! - centers[k * D + d]!;
        s += e * e;
      }
      if (s < dist[t]!) dist[t] = s;
      total += dist[t]!;
    }
    if (k + 1 < K) {
      if (total > 0) {
        let u = rng.next() * total;
        pick = T - 1;
        for (let t = 0; t < T; t++) {
          u -= dist[t]!;
          if (u < 0) {
            pick = t;
            break;
          }
        }
      } else pick = rng.int(T);
    }
  }
  const labels = new Int32Array(T);
  const counts = new Float64Array(K);
  for (let it = 0; it <= iterations; it++) {
    let changed = false;
    for (let t = 0; t < T; t++) {
      let best = 0;
      let bestD = Number.POSITIVE_INFINITY;
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (let d = 0; d < D; d++) {
          const e = z[t * D + d]! - centers[k * D + d]!;
          s += e * e;
        }
        if (s < bestD) {
          bestD = s;
          best = k;
        }
      }
      if (labels[t] !== best || it === 0) changed = true;
      labels[t] = best;
    }
    if (it === iterations || !changed) break;
    counts.fill(0);
    const next = new Float64Array(K * D);
    for (let t = 0; t < T; t++) {
      const k = labels[t]!;
      counts[k] = counts[k]! + 1;
      for (let d = 0; d < D; d++) next[k * D + d] = next[k * D + d]! + z[t * D + d]!;
    }
    for (let k = 0; k < K; k++)
      if (counts[k]! > 0) for (let d = 0; d < D; d++) centers[k * D + d] = next[k * D + d]! / counts[k]!;
  }
  for (let k = 0; k < K; k++)
    for (let d = 0; d < D; d++) centers[k * D + d] = centers[k * D + d]! / scale[d]! + mean[d]!;
  return { labels, centers };
}
