import { parseWith, ValidationError } from "@quantkit/core";
import { z } from "zod";

/** An objective on a D-dimensional parameter grid, row-major (the last dimension varies fastest). NaN = not run. */
export interface ObjectiveGrid {
  readonly values: Float64Array;
  /** Number of grid values per dimension, e.g. [fast periods, slow periods]. */
  readonly shape: readonly number[];
  /** Optional names and values of the dimensions, used when printing (`fast=20 slow=200` instead of `[3, 4]`). */
  readonly axes?: readonly {
    readonly name: string;
    readonly values: readonly (number | string | boolean)[];
  }[];
}

/**
 * Options of {@link surfaceStability}.
 *
 * @example
 * surfaceStabilityOptions.parse({}).neighbourhood // → "box"
 */
export const surfaceStabilityOptions = z
  .object({
    /** `"box"`: every point within ±1 step in every dimension (3^D − 1 neighbours); `"axis"`: ±1 along one dimension at a time (2D neighbours). @default "box" */
    neighbourhood: z.enum(["box", "axis"]).default("box"),
    /** Whether larger objective values are better. @default "maximize" */
    direction: z.enum(["maximize", "minimize"]).default("maximize"),
    /** A local optimum whose normalized drop (drop / surface scale, see `normalizedDrop`) is at least this is flagged a sharp peak. @default 0.25 */
    sharpness: z.number().positive().default(0.25),
  })
  .strict();

/** Input form of {@link surfaceStabilityOptions}. */
export type SurfaceStabilityOptions = z.input<typeof surfaceStabilityOptions>;

/** Result of {@link surfaceStability}: per-point columns (grid order) and a summary. */
export interface SurfaceStability {
  readonly shape: readonly number[];
  /** Mean, min, max and population std (n denominator) of the finite neighbours (the point itself excluded). */
  readonly neighbourMean: Float64Array;
  readonly neighbourMin: Float64Array;
  readonly neighbourMax: Float64Array;
  readonly neighbourStd: Float64Array;
  /** Number of finite neighbours. */
  readonly neighbourCount: Int32Array;
  /** How much worse the neighbourhood is than the point: value − mean (maximize) or mean − value (minimize). */
  readonly drop: Float64Array;
  /** drop / |value| (NaN when the value is 0). */
  readonly relativeDrop: Float64Array;
  /**
   * drop / scale with scale = max(grid max − grid min, max |value|) over finite values: comparable across objectives
   * and not inflated on an almost flat surface (whose range is tiny).
   */
  readonly normalizedDrop: Float64Array;
  /** 1 where the point is at least as good as every finite neighbour. */
  readonly localOptimum: Uint8Array;
  /** 1 where a local optimum's normalized drop is ≥ `sharpness`. */
  readonly sharpPeak: Uint8Array;
  /** Index and grid coordinates of the best point. */
  readonly best: { readonly index: number; readonly coords: readonly number[]; readonly value: number };
  /** Point whose neighbourhood mean including itself is best: the robust choice. */
  readonly robustBest: {
    readonly index: number;
    readonly coords: readonly number[];
    readonly smoothed: number;
  };
  /** 1 − normalized drop of the best point, clamped to [0, 1]: 1 = flat plateau, 0 = isolated spike. */
  readonly plateauScore: number;
  /** Grid indices flagged as sharp peaks. */
  readonly sharpPeaks: readonly number[];
  toString(): string;
}

function coordsOf(index: number, shape: readonly number[]): number[] {
  const c = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    c[d] = index % shape[d]!;
    index = Math.floor(index / shape[d]!);
  }
  return c;
}

/**
 * Parameter-surface stability: for every grid point, the statistics of its ±1-step neighbourhood and how far the
 * objective drops from the point into it; flags sharp peaks (local optima far above their neighbours) and scores the
 * best point's plateau. A robust optimum sits on a plateau; an overfit one is a spike.
 *
 * @param grid - objective values on the grid (row-major, NaN for points not run).
 * @param options - `neighbourhood` ("box"), `direction` ("maximize"), `sharpness` (0.25).
 * @example
 * surfaceStability({ values: Float64Array.of(0, 0, 0, 0, 1, 0, 0, 0, 0), shape: [3, 3] }).sharpPeaks; // → [4]
 * @see https://doi.org/10.2139/ssrn.2326253 (Bailey et al., backtest overfitting); Pardo (2008), The Evaluation and
 *   Optimization of Trading Strategies, ch. 11 (robust parameter regions)
 */
export function surfaceStability(
  grid: ObjectiveGrid,
  options: SurfaceStabilityOptions = {},
): SurfaceStability {
  const o = parseWith(surfaceStabilityOptions, options, "surfaceStability options");
  const { values, shape } = grid;
  const D = shape.length;
  let size = 1;
  for (const s of shape) size *= s;
  if (D === 0 || shape.some((s) => !Number.isInteger(s) || s < 1) || size !== values.length) {
    throw new ValidationError("objective grid", [
      {
        path: "shape",
        message: `expected positive integer sizes whose product is values.length (${values.length}), got [${shape.join(", ")}]`,
      },
    ]);
  }
  const strides = new Array<number>(D);
  strides[D - 1] = 1;
  for (let d = D - 2; d >= 0; d--) strides[d] = strides[d + 1]! * shape[d + 1]!;
  // neighbour offsets as coordinate deltas
  const deltas: number[][] = [];
  if (o.neighbourhood === "axis") {
    for (let d = 0; d < D; d++) {
      for (const s of [-1, 1]) {
        const v = new Array<number>(D).fill(0);
        v[d] = s;
        deltas.push(v);
      }
    }
  } else {
    const total = 3 ** D;
    for (let m = 0; m < total; m++) {
      const v = coordsOf(m, new Array<number>(D).fill(3)).map((x) => x - 1);
      if (v.some((x) => x !== 0)) deltas.push(v);
    }
  }
  const sign = o.direction === "maximize" ? 1 : -1;
  let gMin = Number.POSITIVE_INFINITY;
  let gMax = Number.NEGATIVE_INFINITY;
  let gAbs = 0;
  let bestIdx = -1;
  for (let i = 0; i < size; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (Math.abs(v) > gAbs) gAbs = Math.abs(v);
    if (v < gMin) gMin = v;
    if (v > gMax) gMax = v;
    if (bestIdx < 0 || sign * v > sign * values[bestIdx]!) bestIdx = i;
  }
  if (bestIdx < 0) {
    throw new ValidationError("objective grid", [{ path: "values", message: "no finite objective value" }]);
  }
  const scale = Math.max(gMax - gMin, gAbs);
  const mean = new Float64Array(size);
  const min = new Float64Array(size);
  const max = new Float64Array(size);
  const std = new Float64Array(size);
  const count = new Int32Array(size);
  const drop = new Float64Array(size);
  const rel = new Float64Array(size);
  const norm = new Float64Array(size);
  const localOpt = new Uint8Array(size);
  const sharp = new Uint8Array(size);
  const sharpPeaks: number[] = [];
  let robustIdx = -1;
  let robustVal = Number.NaN;
  const nb: number[] = [];
  for (let i = 0; i < size; i++) {
    const v = values[i]!;
    const c = coordsOf(i, shape);
    nb.length = 0;
    for (const dv of deltas) {
      let j = 0;
      let inside = true;
      for (let d = 0; d < D; d++) {
        const x = c[d]! + dv[d]!;
        if (x < 0 || x >= shape[d]!) {
          inside = false;
          break;
        }
        j += x * strides[d]!;
      }
      if (inside && Number.isFinite(values[j]!)) nb.push(values[j]!);
    }
    count[i] = nb.length;
    if (nb.length === 0 || !Number.isFinite(v)) {
      mean[i] = min[i] = max[i] = std[i] = drop[i] = rel[i] = norm[i] = Number.NaN;
      if (Number.isFinite(v) && nb.length === 0) localOpt[i] = 1;
    } else {
      let s = 0;
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (const x of nb) {
        s += x;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      const m = s / nb.length;
      let q = 0;
      for (const x of nb) q += (x - m) ** 2;
      mean[i] = m;
      min[i] = lo;
      max[i] = hi;
      std[i] = Math.sqrt(q / nb.length);
      drop[i] = sign * (v - m);
      rel[i] = v === 0 ? Number.NaN : drop[i]! / Math.abs(v);
      norm[i] = scale > 0 ? drop[i]! / scale : 0;
      if (sign > 0 ? v >= hi : v <= lo) localOpt[i] = 1;
      if (localOpt[i] === 1 && norm[i]! >= o.sharpness) {
        sharp[i] = 1;
        sharpPeaks.push(i);
      }
    }
    if (Number.isFinite(v)) {
      const smoothed = nb.length === 0 ? v : (v + mean[i]! * nb.length) / (nb.length + 1);
      if (robustIdx < 0 || sign * smoothed > sign * robustVal) {
        robustIdx = i;
        robustVal = smoothed;
      }
    }
  }
  const where = (c: readonly number[]) =>
    grid.axes !== undefined && grid.axes.length === D
      ? c.map((x, d) => `${grid.axes![d]!.name}=${grid.axes![d]!.values[x]}`).join(" ")
      : `[${c.join(", ")}]`;
  const bestNorm = norm[bestIdx]!;
  const plateauScore = Number.isNaN(bestNorm) ? Number.NaN : Math.min(1, Math.max(0, 1 - bestNorm));
  const best = { index: bestIdx, coords: coordsOf(bestIdx, shape), value: values[bestIdx]! };
  const robustBest = { index: robustIdx, coords: coordsOf(robustIdx, shape), smoothed: robustVal };
  return {
    shape: shape.slice(),
    neighbourMean: mean,
    neighbourMin: min,
    neighbourMax: max,
    neighbourStd: std,
    neighbourCount: count,
    drop,
    relativeDrop: rel,
    normalizedDrop: norm,
    localOptimum: localOpt,
    sharpPeak: sharp,
    best,
    robustBest,
    plateauScore,
    sharpPeaks,
    toString: () =>
      [
        `best ${best.value.toPrecision(5)} at ${where(best.coords)}; neighbourhood mean ${mean[bestIdx]!.toPrecision(5)}, min ${min[bestIdx]!.toPrecision(5)} (drop ${(100 * rel[bestIdx]!).toFixed(1)} %)`,
        `plateau score ${plateauScore.toFixed(3)} (1 = flat plateau, 0 = isolated spike); robust choice ${where(robustBest.coords)} (smoothed ${robustVal.toPrecision(5)})`,
        `sharp peaks: ${sharpPeaks.length === 0 ? "none" : sharpPeaks.map((i) => where(coordsOf(i, shape))).join("; ")}`,
      ].join("\n"),
  };
}
