import { ValidationError } from "@quantkit/core";

/**
 * Observations for an HMM: one `Float64Array` (a univariate series, e.g. returns) or an array of D feature
 * columns of equal length (e.g. `[returns, realizedVol]`). Every value must be finite: rows with NaN (indicator
 * warm-up) are rejected with their index, never silently dropped — slice them off first.
 */
export type Observations = Float64Array | readonly Float64Array[];

/** Row-major T×D view of observations (internal). */
export interface Rows {
  readonly x: Float64Array;
  readonly T: number;
  readonly D: number;
}

/** Converts columns to a row-major T×D buffer (a univariate series is used as is), checking finiteness. */
export function toRows(obs: Observations, what = "observations", expectedD?: number): Rows {
  let rows: Rows;
  if (obs instanceof Float64Array) rows = { x: obs, T: obs.length, D: 1 };
  else {
    const D = obs.length;
    if (D === 0)
      throw new ValidationError(what, [{ path: "", message: "expected at least one feature column" }]);
    const T = obs[0]!.length;
    if (D === 1) rows = { x: obs[0]!, T, D: 1 };
    else {
      const x = new Float64Array(T * D);
      for (let d = 0; d < D; d++) {
        const col = obs[d]!;
        if (!(col instanceof Float64Array) || col.length !== T)
          throw new ValidationError(what, [
            { path: `${d}`, message: `expected a Float64Array of length ${T}, got length ${col?.length}` },
          ]);
        for (let t = 0; t < T; t++) x[t * D + d] = col[t]!;
      }
      rows = { x, T, D };
    }
  }
  if (expectedD !== undefined && rows.D !== expectedD)
    throw new ValidationError(what, [
      { path: "", message: `expected ${expectedD} feature column(s), got ${rows.D}` },
    ]);
  const { x } = rows;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) {
      const t = Math.floor(i / rows.D);
      throw new ValidationError(what, [
        {
          path: `row ${t}${rows.D > 1 ? `.${i % rows.D}` : ""}`,
          message: `expected a finite number, got ${x[i]}`,
        },
      ]);
    }
  }
  return rows;
}
