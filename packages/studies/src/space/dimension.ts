import { z } from "zod";

/**
 * One dimension of a parameter space, in the compact form used by configs: an integer range with a step
 * (`{ int: [5, 50], step: 5 }`), a float range (`{ float: [0.1, 10], log: true, n: 5 }` or `{ float: [0, 1], step: 0.25 }`),
 * a list of choices (`{ choice: ["a", "b"] }`) or one fixed value (`{ value: 3 }`). Ranges include both ends.
 *
 * @example
 * dimensionSchema.parse({ int: [5, 50], step: 5 }) // → { int: [5, 50], step: 5 }
 * @see https://optuna.readthedocs.io/en/stable/reference/generated/optuna.trial.Trial.html (suggest_int / suggest_float)
 */
export const dimensionSchema = z.union([
  z
    .object({
      int: z.tuple([z.number().int(), z.number().int()]),
      /** Grid step (≥ 1). Default 1. */
      step: z.number().int().positive().default(1),
      /** Sample log-uniformly in random search (both ends > 0). Default false. */
      log: z.boolean().default(false),
    })
    .strict()
    .refine((d) => d.int[0] <= d.int[1], { message: "int: low must be ≤ high", path: ["int"] })
    .refine((d) => !d.log || d.int[0] > 0, { message: "log needs low > 0", path: ["log"] }),
  z
    .object({
      float: z.tuple([z.number(), z.number()]),
      /** Grid step; or give `n` grid points. One of them is needed for grid search. */
      step: z.number().positive().optional(),
      /** Number of grid points (≥ 2), evenly spaced (log-spaced when `log`). */
      n: z.number().int().min(2).optional(),
      /** Log-uniform sampling and log-spaced `n` grid. Default false. */
      log: z.boolean().default(false),
    })
    .strict()
    .refine((d) => d.float[0] <= d.float[1], { message: "float: low must be ≤ high", path: ["float"] })
    .refine((d) => !d.log || d.float[0] > 0, { message: "log needs low > 0", path: ["log"] })
    .refine((d) => d.step === undefined || d.n === undefined, {
      message: "give step or n, not both",
      path: ["n"],
    }),
  z
    .object({ choice: z.array(z.union([z.number(), z.string(), z.boolean()])).min(1) })
    .strict()
    .refine((d) => new Set(d.choice).size === d.choice.length, {
      message: "choice values must be distinct",
      path: ["choice"],
    }),
  z.object({ value: z.union([z.number(), z.string(), z.boolean()]) }).strict(),
]);

/** Input form of {@link dimensionSchema} (readonly-friendly, so `as const` descriptions are accepted). */
export type DimensionInput =
  | { readonly int: readonly [number, number]; readonly step?: number; readonly log?: boolean }
  | {
      readonly float: readonly [number, number];
      readonly step?: number;
      readonly n?: number;
      readonly log?: boolean;
    }
  | { readonly choice: readonly (number | string | boolean)[] }
  | { readonly value: number | string | boolean };
/** A validated dimension. */
export type Dimension = z.output<typeof dimensionSchema>;

/** A parameter value: what a run's `params` record holds. */
export type ParamValue = number | string | boolean;

/**
 * A compact space description: parameter name → dimension.
 *
 * @example
 * spaceDescriptionSchema.parse({ fast: { int: [5, 20], step: 5 }, slow: { int: [30, 60], step: 10 } })
 */
export const spaceDescriptionSchema = z.record(z.string().min(1), dimensionSchema);

/** Input form of {@link spaceDescriptionSchema}. */
export type SpaceDescription = Readonly<Record<string, DimensionInput>>;
