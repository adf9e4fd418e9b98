import { z } from "zod";

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
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("grid") }).strict(),
    z
      .object({
        kind: z.literal("random"),
        n: z.number().int().positive(),
        seed: z.number().int().default(0),
      })
      .strict(),
  ])
  .default({ kind: "grid" });

/** A parsed {@link searchSchema}. */
export type Search = z.output<typeof searchSchema>;

/**
 * Which engine executes a study's runs: the vectorized fast path (default) or the event-driven engine (same
 * decisions and fills, slower).
 *
 * @example
 * engineSchema.parse(undefined) // → "vectorized"
 */
export const engineSchema = z.enum(["vectorized", "event"]).default("vectorized");
