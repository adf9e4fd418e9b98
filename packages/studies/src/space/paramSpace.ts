import { parseWith, Rng, ValidationError } from "@quantkit/core";
import {
  type Dimension,
  type ParamValue,
  type SpaceDescription,
  spaceDescriptionSchema,
} from "./dimension.js";

/** One parameter set: name → value. */
export type Params = Record<string, ParamValue>;

/**
 * A validated parameter space: named dimensions (in the description's key order) and an optional constraint that
 * every enumerated or sampled parameter set satisfies.
 */
export interface ParamSpace {
  readonly names: readonly string[];
  readonly dimensions: readonly Dimension[];
  readonly constraint?: (p: Readonly<Params>) => boolean;
}

/**
 * Builds a {@link ParamSpace} from a compact description (validated: errors name the parameter) and an optional
 * constraint such as `(p) => p.fast < p.slow`.
 *
 * @param description - `{ fast: { int: [5, 50], step: 5 }, kind: { choice: ["a", "b"] }, x: { float: [0.1, 10], log: true, n: 5 } }`.
 * @example
 * paramSpace({ fast: { int: [5, 20], step: 5 }, slow: { int: [10, 40], step: 10 } }, (p) => p.fast < p.slow).names // → ["fast", "slow"]
 */
export function paramSpace(
  description: SpaceDescription,
  constraint?: (p: Readonly<Params>) => boolean,
): ParamSpace {
  const d = parseWith(spaceDescriptionSchema, description, "parameter space");
  const names = Object.keys(d);
  return { names, dimensions: names.map((n) => d[n]!), ...(constraint !== undefined ? { constraint } : {}) };
}

/**
 * The grid values of one dimension: integers `low, low + step, … ≤ high`; floats by `step` (`low + k·step ≤ high`)
 * or `n` evenly (or log-) spaced points from low to high inclusive; the choices; the fixed value.
 *
 * @example
 * gridValues({ int: [5, 20], step: 5, log: false }) // → [5, 10, 15, 20]
 */
export function gridValues(dim: Dimension, name = "parameter"): ParamValue[] {
  if ("value" in dim) return [dim.value];
  if ("choice" in dim) return [...dim.choice];
  if ("int" in dim) {
    const [lo, hi] = dim.int;
    const out: number[] = [];
    for (let v = lo; v <= hi; v += dim.step) out.push(v);
    return out;
  }
  const [lo, hi] = dim.float;
  if (dim.n !== undefined) {
    const out: number[] = [];
    for (let k = 0; k < dim.n; k++) {
      const t = k / (dim.n - 1);
      out.push(dim.log ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo));
    }
    out[dim.n - 1] = hi;
    return out;
  }
  if (dim.step !== undefined) {
    const out: number[] = [];
    const count = Math.floor((hi - lo) / dim.step + 1e-9);
    for (let k = 0; k <= count; k++) out.push(lo + k * dim.step);
    return out;
  }
  throw new ValidationError("parameter space", [
    { path: name, message: "a float dimension needs `step` or `n` for grid search" },
  ]);
}

/**
 * Number of points of the unconstrained grid: the product of the dimensions' grid sizes.
 *
 * @example
 * gridSize(paramSpace({ a: { int: [1, 3] }, b: { choice: ["x", "y"] } })) // → 6
 */
export function gridSize(space: ParamSpace): number {
  let n = 1;
  for (let i = 0; i < space.dimensions.length; i++)
    n *= gridValues(space.dimensions[i]!, space.names[i]).length;
  return n;
}

/**
 * Lazily enumerates the grid (by default the last dimension varies fastest), skipping points that fail the
 * constraint. Nothing is materialised but one value list per dimension. `nesting` lists dimension indices from the
 * outermost loop to the innermost (e.g. `[1, 0]` makes the first dimension vary fastest); parameter objects keep
 * the space's key order either way.
 *
 * @example
 * [...grid(paramSpace({ a: { int: [1, 2] }, b: { choice: ["x", "y"] } }))] // → [{a:1,b:"x"},{a:1,b:"y"},{a:2,b:"x"},{a:2,b:"y"}]
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.ParameterGrid.html
 */
export function* grid(space: ParamSpace, nesting?: readonly number[]): Generator<Params> {
  const values = space.dimensions.map((d, i) => gridValues(d, space.names[i]));
  const k = values.length;
  const order = nesting ?? values.map((_, i) => i);
  if (order.length !== k || new Set(order).size !== k || order.some((i) => !(i >= 0 && i < k)))
    throw new ValidationError("grid", [{ path: "nesting", message: `expected a permutation of 0…${k - 1}` }]);
  if (values.some((v) => v.length === 0)) return;
  const idx = new Array<number>(k).fill(0);
  while (true) {
    const p: Params = {};
    for (let j = 0; j < k; j++) p[space.names[j]!] = values[j]![idx[j]!]!;
    if (space.constraint === undefined || space.constraint(p)) yield p;
    let o = k - 1;
    while (o >= 0) {
      const j = order[o]!;
      idx[j]!++;
      if (idx[j]! < values[j]!.length) break;
      idx[j] = 0;
      o--;
    }
    if (o < 0) return;
  }
}

/**
 * A nesting for {@link grid} that varies the dimensions with the fewest values fastest (largest outermost, ties in
 * space order). Sweeps use it so that a batch of consecutive runs shares the values of the big dimensions — e.g.
 * one slow SMA window with every fast one — and each worker computes fewer distinct indicator series.
 *
 * @example
 * cacheFriendlyNesting(paramSpace({ fast: { int: [5, 50], step: 5 }, slow: { int: [60, 1050], step: 10 } })) // → [1, 0]
 */
export function cacheFriendlyNesting(space: ParamSpace): number[] {
  const sizes = space.dimensions.map((d, i) => gridValues(d, space.names[i]).length);
  return sizes.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
}

/**
 * Exact number of grid points satisfying the constraint (enumerates the grid once; equals {@link gridSize}
 * without a constraint).
 *
 * @example
 * countGrid(paramSpace({ fast: { int: [1, 3] }, slow: { int: [1, 3] } }, (p) => p.fast < p.slow)) // → 3
 */
export function countGrid(space: ParamSpace): number {
  if (space.constraint === undefined) return gridSize(space);
  let n = 0;
  for (const _ of grid(space)) n++;
  return n;
}

function sampleDim(dim: Dimension, rng: Rng): ParamValue {
  if ("value" in dim) return dim.value;
  if ("choice" in dim) return dim.choice[rng.int(dim.choice.length)]!;
  if ("int" in dim) {
    const [lo, hi] = dim.int;
    const steps = Math.floor((hi - lo) / dim.step) + 1;
    if (!dim.log) return lo + dim.step * rng.int(steps);
    // log-uniform over [lo, hi + step), snapped down to the step lattice
    const x = Math.exp(Math.log(lo) + rng.next() * (Math.log(hi + dim.step) - Math.log(lo)));
    return Math.min(lo + dim.step * Math.floor((x - lo) / dim.step), lo + dim.step * (steps - 1));
  }
  const [lo, hi] = dim.float;
  const u = rng.next();
  return dim.log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
}

function paramsId(p: Params): string {
  return JSON.stringify(p);
}

/**
 * `n` distinct parameter sets drawn uniformly (log-uniformly where `log`) from the space, satisfying the
 * constraint. Seeded: draw `i` uses `Rng(seed, i)`, so the same seed gives the same samples in the same order.
 * Stops early (fewer than `n`) when `100·n` draws found no more new points (e.g. a small discrete space).
 *
 * @param n - number of parameter sets wanted.
 * @param seed - Rng seed.
 * @example
 * randomSearch(paramSpace({ x: { float: [0, 1] } }), 3, 42).length // → 3
 * @see Bergstra & Bengio, "Random Search for Hyper-Parameter Optimization", JMLR 13 (2012)
 */
export function randomSearch(space: ParamSpace, n: number, seed: number): Params[] {
  const out: Params[] = [];
  const seen = new Set<string>();
  const maxDraws = 100 * Math.max(1, n);
  for (let i = 0; i < maxDraws && out.length < n; i++) {
    const rng = new Rng(seed, i);
    const p: Params = {};
    for (let j = 0; j < space.names.length; j++) p[space.names[j]!] = sampleDim(space.dimensions[j]!, rng);
    if (space.constraint !== undefined && !space.constraint(p)) continue;
    const id = paramsId(p);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(p);
  }
  return out;
}
