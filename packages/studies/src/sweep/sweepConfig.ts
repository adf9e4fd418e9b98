import { createHash } from "node:crypto";
import { parseWith } from "@quantkit/core";
import { z } from "zod";
import {
  canonicalJson,
  dataRefSchema,
  parseRunSpec,
  type RunSpec,
  rangeSchema,
  runOptionsSchema,
} from "../run/runSpec.js";
import { getStudyStrategy } from "../run/studyStrategies.js";
import { type SpaceDescription, spaceDescriptionSchema } from "../space/dimension.js";
import { countGrid, type ParamSpace, type Params, paramSpace, randomSearch } from "../space/paramSpace.js";
import { engineSchema, sweepSearchSchema } from "../space/searchSchema.js";

/** Metrics a sweep can rank by. */
export const OBJECTIVES = [
  "sharpe",
  "sortino",
  "totalReturn",
  "finalEquity",
  "maxDrawdown",
  "volatility",
] as const;

/** A metric a sweep ranks by. */
export type Objective = (typeof OBJECTIVES)[number];

/**
 * A sweep's configuration (what `quantkit sweep --config` reads, YAML or JSON): the study name, strategy, engine,
 * parameter space (default: the strategy's), search (`grid`, `random` with `n` and `seed`, or successive `halving`
 * with optional `n`, `seed` and `eta`: see `sweepSearchSchema`), data, optional
 * range, seed, costs, objective (and whether to minimize it: default true only for `maxDrawdown` and
 * `volatility`), worker count, output folder, batch size (runs per pool task; default chosen from the count) and
 * part size (rows per Parquet part, default 500).
 *
 * @example
 * sweepConfigSchema.parse({ strategy: "sma-cross", data: { kind: "store", symbol: "ORCL", timeframe: "1d" } }).search // → { kind: "grid" }
 */
export const sweepConfigSchema = z
  .object({
    study: z.string().min(1).default("sweep"),
    strategy: z.string().min(1),
    engine: engineSchema,
    space: spaceDescriptionSchema.optional(),
    search: sweepSearchSchema,
    data: dataRefSchema,
    range: rangeSchema.optional(),
    seed: z.number().int().default(0),
    options: runOptionsSchema.prefault({}),
    objective: z.enum(OBJECTIVES).default("sharpe"),
    minimize: z.boolean().optional(),
    workers: z.number().int().min(0).optional(),
    out: z.string().min(1).default("out/sweep"),
    batchSize: z.number().int().positive().optional(),
    partSize: z.number().int().positive().default(500),
  })
  .strict();

/** Input form of {@link sweepConfigSchema} (`space` accepts readonly `as const` descriptions). */
export type SweepConfigInput = Omit<z.input<typeof sweepConfigSchema>, "space"> & {
  space?: SpaceDescription;
};
/** A validated sweep config. */
export type SweepConfig = z.output<typeof sweepConfigSchema>;

/**
 * Validates a sweep config (errors name each offending field).
 *
 * @example
 * parseSweepConfig({ strategy: "sma-cross", data: { kind: "synthetic", seed: 1, length: 1000 } }).objective // → "sharpe"
 */
export function parseSweepConfig(input: unknown): SweepConfig {
  return parseWith(sweepConfigSchema, input, "sweep config");
}

/**
 * A stable id for a study: SHA-256 (first 16 hex) of the canonical JSON of everything that decides its runs
 * (not workers, output folder or batch sizes), so a resumed sweep keeps its id.
 *
 * @example
 * studyId(parseSweepConfig({ strategy: "sma-cross", data: { kind: "synthetic", seed: 1, length: 100 } })).length // → 16
 */
export function studyId(c: SweepConfig): string {
  const { workers: _w, out: _o, batchSize: _b, partSize: _p, ...decisive } = c;
  return createHash("sha256").update(canonicalJson(decisive)).digest("hex").slice(0, 16);
}

/** The parameter space of a sweep config (its `space`, else the strategy's default) with the strategy's constraint. */
export function sweepSpace(c: SweepConfig): ParamSpace {
  const s = getStudyStrategy(c.strategy);
  return paramSpace(c.space ?? s.space, s.constraint);
}

/**
 * Whether a sweep minimizes its objective: the config's `minimize`, else true only for `maxDrawdown` and
 * `volatility`.
 *
 * @example
 * sweepMinimize(parseSweepConfig({ strategy: "sma-cross", data, objective: "maxDrawdown" })) // → true
 */
export function sweepMinimize(c: SweepConfig): boolean {
  return c.minimize ?? (c.objective === "maxDrawdown" || c.objective === "volatility");
}

/**
 * The run spec of one parameter set of a sweep (its strategy, engine, data, range, seed and costs; any study config
 * with those fields, e.g. a robustness config).
 *
 * @example
 * runKey(sweepRunSpec(c, { fast: 10, slow: 30 })) // → the key of that run in the results table
 */
export function sweepRunSpec(
  c: Pick<SweepConfig, "strategy" | "engine" | "data" | "range" | "seed" | "options">,
  params: Params,
): RunSpec {
  return parseRunSpec({
    strategy: c.strategy,
    engine: c.engine,
    params,
    data: c.data,
    ...(c.range !== undefined ? { range: c.range } : {}),
    seed: c.seed,
    options: c.options,
  });
}

/**
 * Parameter sets a grid or random sweep enumerates (under the strategy's constraint); for a successive-halving
 * sweep, its starting candidates.
 *
 * @example
 * sweepCount(c, sweepSpace(c)) // → 171 for fast 5…50 step 5 × slow 20…200 step 10 with fast < slow
 */
export function sweepCount(c: SweepConfig, space: ParamSpace): number {
  if (c.search.kind === "random" || (c.search.kind === "halving" && c.search.n !== undefined))
    return randomSearch(space, c.search.n!, c.search.seed).length;
  return countGrid(space);
}

/**
 * The identity fields of a sweep's summary: its study id, name, strategy, engine, objective and direction.
 *
 * @example
 * new SweepSummary({ ...sweepIdentity(c), out, total, … })
 */
export function sweepIdentity(c: SweepConfig): {
  studyId: string;
  study: string;
  strategy: string;
  engine: string;
  objective: Objective;
  minimize: boolean;
} {
  return {
    studyId: studyId(c),
    study: c.study,
    strategy: c.strategy,
    engine: c.engine,
    objective: c.objective,
    minimize: sweepMinimize(c),
  };
}
