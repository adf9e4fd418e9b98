import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { dataRefSchema, rangeSchema, runOptionsSchema } from "../run/runSpec.js";
import { type SpaceDescription, spaceDescriptionSchema } from "../space/dimension.js";
import { engineSchema, searchSchema } from "../space/searchSchema.js";

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
 * parameter space (default: the strategy's), search (`grid`, or `random` with `n` and `seed`), data, optional
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
    search: searchSchema,
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
