import { z } from "zod";

/** Simulated price paths of one asset. */
export interface PathSet {
  /** Row-major `paths × (steps + 1)` matrix; row `i` is path `i`, column 0 the start value. Absent when `terminalOnly`. */
  readonly paths?: Float64Array;
  /** Value of each path after the last step (`paths` long). */
  readonly terminal: Float64Array;
  /** Number of paths (rows). */
  readonly count: number;
  /** Number of steps (the matrix has `steps + 1` columns). */
  readonly steps: number;
}

/** Fields shared by every path generator's options. */
export const commonPathOptions = {
  /** Number of steps per path. */
  steps: z.number().int().min(1),
  /** Number of paths. */
  paths: z.number().int().min(1),
  /** Seed: path `i` uses `NormalStream(seed, i)`. */
  seed: z.number().int(),
  /** Keep only the terminal values (no path matrix in memory). @default false */
  terminalOnly: z.boolean().optional(),
};

/** Allocates a {@link PathSet}'s outputs. */
export function pathOutputs(
  count: number,
  steps: number,
  terminalOnly: boolean,
  alloc: (n: number) => Float64Array,
): { paths?: Float64Array; terminal: Float64Array } {
  const terminal = alloc(count);
  return terminalOnly ? { terminal } : { paths: alloc(count * (steps + 1)), terminal };
}
