/**
 * The underwater series: `equity[i] / max(equity[0..i]) − 1` (0 at a new high, negative below it).
 *
 * @param equity - equity samples.
 * @param out - optional preallocated output (same length).
 * @example
 * underwater(Float64Array.of(100, 120, 90, 130)); // → [0, 0, −0.25, 0]
 * @see Magdon-Ismail & Atiya, "Maximum drawdown", Risk (2004)
 */
export function underwater(equity: Float64Array, out = new Float64Array(equity.length)): Float64Array {
  let peak = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    if (e > peak) peak = e;
    out[i] = e / peak - 1;
  }
  return out;
}

/**
 * Maximum drawdown as a positive fraction: `max_i (1 − equity[i] / max(equity[0..i]))` (0 for a curve that never
 * falls).
 *
 * @example
 * maxDrawdown(Float64Array.of(100, 120, 90, 130)); // → 0.25
 * @see Magdon-Ismail & Atiya, "Maximum drawdown", Risk (2004)
 */
export function maxDrawdown(equity: Float64Array): number {
  if (equity.length === 0) return Number.NaN;
  let peak = Number.NEGATIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    if (e > peak) peak = e;
    const dd = 1 - e / peak;
    if (dd > worst) worst = dd;
  }
  return worst;
}

/** The longest spell under water. */
export interface DrawdownSpell {
  /** Duration in ms: from the peak to the first sample back at/above it (or to the last sample). */
  readonly durationMs: number;
  /** The same in samples (periods). */
  readonly durationBars: number;
  /** Index of the peak (the last sample at the high before the spell). */
  readonly startIndex: number;
  /** Index of the recovery sample, or the last index when not recovered. */
  readonly endIndex: number;
  /** False when the curve ends under water. */
  readonly recovered: boolean;
}

/**
 * The longest drawdown duration (time under water), measured peak → recovery, or peak → last sample when the curve
 * has not recovered. The first spell wins ties. Zero duration when the curve never falls.
 *
 * @example
 * maxDrawdownDuration(Float64Array.of(0, 1, 2, 3, 4), Float64Array.of(100, 90, 95, 100, 99));
 * // → { durationMs: 3, durationBars: 3, startIndex: 0, endIndex: 3, recovered: true }
 * @see {@link underwater}
 */
export function maxDrawdownDuration(ts: Float64Array, equity: Float64Array): DrawdownSpell {
  let best: DrawdownSpell = { durationMs: 0, durationBars: 0, startIndex: 0, endIndex: 0, recovered: true };
  const n = equity.length;
  let peak = Number.NEGATIVE_INFINITY;
  let lastHigh = 0;
  let inSpell = false;
  for (let i = 0; i < n; i++) {
    const e = equity[i]!;
    if (e >= peak) {
      peak = e;
      if (inSpell) {
        const d = ts[i]! - ts[lastHigh]!;
        if (d > best.durationMs)
          best = {
            durationMs: d,
            durationBars: i - lastHigh,
            startIndex: lastHigh,
            endIndex: i,
            recovered: true,
          };
        inSpell = false;
      }
      lastHigh = i;
    } else inSpell = true;
  }
  if (inSpell) {
    const d = ts[n - 1]! - ts[lastHigh]!;
    if (d > best.durationMs)
      best = {
        durationMs: d,
        durationBars: n - 1 - lastHigh,
        startIndex: lastHigh,
        endIndex: n - 1,
        recovered: false,
      };
  }
  return best;
}
