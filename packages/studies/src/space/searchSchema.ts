import { z } from "zod";

const gridSearch = z.object({ kind: z.literal("grid") }).strict();
const randomSearchOption = z
  .object({
    kind: z.literal("random"),
    n: z.number().int().positive(),
    seed: z.number().int().default(0),
  })
  .strict();

/**
 * How a study enumerates a parameter space, shared by sweeps, walk-forward, CPCV and the robustness report:
 * `{ kind: "grid" }` (every point satisfying the strategy's constraint) or `{ kind: "random", n, seed }` (seeded
 * random search). Defaults to the grid.
 *
 * @example
 * searchSchema.parse(undefined) // → { kind: "grid" }
 * searchSchema.parse({ kind: "random", n: 50 }) // → { kind: "random", n: 50, seed: 0 }
 * @see https://scikit-learn.org/stable/modules/grid_search.html (grid vs randomized search)
 */
export const searchSchema = z
  .discriminatedUnion("kind", [gridSearch, randomSearchOption])
  .default({ kind: "grid" });

/** A parsed {@link searchSchema}. */
export type Search = z.output<typeof searchSchema>;

/**
 * How a sweep searches its space: the {@link searchSchema} options, or seeded successive halving
 * `{ kind: "halving", n?, seed, eta }`: the candidates (the whole grid, or `n` seeded random draws) are all run on
 * the first 1/eta^(R−1) of the bars, the best ⌈k/eta⌉ on eta times more, and so on until the last rung runs on all
 * the bars; far fewer full-length runs than a grid. Defaults to the grid.
 *
 * @example
 * sweepSearchSchema.parse({ kind: "halving" }) // → { kind: "halving", seed: 0, eta: 3 }
 * sweepSearchSchema.parse({ kind: "halving", n: 81, seed: 2 }) // → { kind: "halving", n: 81, seed: 2, eta: 3 }
 * @see Jamieson & Talwalkar, "Non-stochastic Best Arm Identification and Hyperparameter Optimization", AISTATS 2016
 */
export const sweepSearchSchema = z
  .discriminatedUnion("kind", [
    gridSearch,
    randomSearchOption,
    z
      .object({
        kind: z.literal("halving"),
        /** Random candidates to start from. Default: every point of the grid. */
        n: z.number().int().positive().optional(),
        /** Seed of the random candidates. @default 0 */
        seed: z.number().int().default(0),
        /** Keep the best 1/eta at each rung, and give them eta times more bars. @default 3 */
        eta: z.number().int().min(2).default(3),
      })
      .strict(),
  ])
  .default({ kind: "grid" });

/** A parsed {@link sweepSearchSchema}. */
export type SweepSearch = z.output<typeof sweepSearchSchema>;

/**
 * Which engine executes a study's runs: the vectorized fast path (default) or the event-driven engine (same
 * decisions and fills, slower).
 *
 * @example
 * engineSchema.parse(undefined) // → "vectorized"
 */
export const engineSchema = z.enum(["vectorized", "event"]).default("vectorized");
