/**
 * Minimizes `f` by the Nelder–Mead simplex (standard coefficients 1, 2, ½, ½), restarted from the best point until a
 * restart no longer improves by more than `tol`. Used for low-dimensional maximum-likelihood fits.
 *
 * @param f - objective (may return Infinity/NaN for infeasible points, treated as +Infinity).
 * @param x0 - start point.
 * @param options - `step` initial simplex size (default 0.1), `tol` (default 1e-12), `maxEvals` (default 20000).
 * @example
 * nelderMead(([x, y]) => (x! - 1) ** 2 + (y! + 2) ** 2, [0, 0]).x; // → ≈ [1, -2]
 * @see https://doi.org/10.1093/comjnl/7.4.308 (Nelder & Mead 1965)
 */
export function nelderMead(
  f: (x: number[]) => number,
  x0: readonly number[],
  options: { step?: number; tol?: number; maxEvals?: number } = {},
): { x: number[]; value: number; evals: number } {
  const step = options.step ?? 0.1;
  const tol = options.tol ?? 1e-12;
  const maxEvals = options.maxEvals ?? 20_000;
  const n = x0.length;
  let evals = 0;
  const fx = (x: number[]) => {
    evals++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let best = x0.slice();
  let bestValue = fx(best);
  for (let restart = 0; restart < 20 && evals < maxEvals; restart++) {
    const simplex: number[][] = [best.slice()];
    for (let i = 0; i < n; i++) {
      const p = best.slice();
      p[i] = p[i]! + (restart === 0 ? step : step / 4);
      simplex.push(p);
    }
    let values = simplex.map(fx);
    for (let iter = 0; evals < maxEvals; iter++) {
      const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
      const s = order.map((i) => simplex[i]!);
      values = order.map((i) => values[i]!);
      for (let i = 0; i <= n; i++) simplex[i] = s[i]!;
      const spread = Math.abs(values[n]! - values[0]!);
      if (spread <= tol * (Math.abs(values[0]!) + 1e-300) && iter > 0) break;
      const centroid = new Array<number>(n).fill(0);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j]! += simplex[i]![j]! / n;
      const worst = simplex[n]!;
      const at = (t: number) => centroid.map((c, j) => c + t * (c - worst[j]!));
      const xr = at(1);
      const fr = fx(xr);
      if (fr < values[0]!) {
        const xe = at(2);
        const fe = fx(xe);
        if (fe < fr) {
          simplex[n] = xe;
          values[n] = fe;
        } else {
          simplex[n] = xr;
          values[n] = fr;
        }
      } else if (fr < values[n - 1]!) {
        simplex[n] = xr;
        values[n] = fr;
      } else {
        const xc = fr < values[n]! ? at(0.5) : at(-0.5);
        const fc = fx(xc);
        if (fc < Math.min(fr, values[n]!)) {
          simplex[n] = xc;
          values[n] = fc;
        } else {
          for (let i = 1; i <= n; i++) {
            simplex[i] = simplex[i]!.map((v, j) => simplex[0]![j]! + 0.5 * (v - simplex[0]![j]!));
            values[i] = fx(simplex[i]!);
          }
        }
      }
    }
    const i0 = values.indexOf(Math.min(...values));
    const improved = bestValue - values[i0]!;
    best = simplex[i0]!.slice();
    bestValue = values[i0]!;
    if (restart > 0 && improved <= tol * (Math.abs(bestValue) + 1e-300)) break;
  }
  return { x: best, value: bestValue, evals };
}
