import { z } from "zod";

/** zod schema of a {@link MembershipFunction}. */
export const membershipSchema = z.discriminatedUnion("type", [
  z
    .object({ type: z.literal("triangular"), a: z.number(), b: z.number(), c: z.number() })
    .refine((m) => m.a <= m.b && m.b <= m.c, { message: "expected a ≤ b ≤ c" }),
  z
    .object({ type: z.literal("trapezoidal"), a: z.number(), b: z.number(), c: z.number(), d: z.number() })
    .refine((m) => m.a <= m.b && m.b <= m.c && m.c <= m.d, { message: "expected a ≤ b ≤ c ≤ d" }),
  z.object({ type: z.literal("gaussian"), mean: z.number(), sigma: z.number().positive() }),
  z.object({ type: z.literal("sigmoid"), slope: z.number(), center: z.number() }),
]);

/**
 * A fuzzy membership function μ: ℝ → [0, 1].
 *
 * - `triangular {a, b, c}`: 0 outside [a, c], rising linearly to 1 at b, then falling.
 * - `trapezoidal {a, b, c, d}`: 0 outside [a, d], 1 on [b, c], linear in between.
 * - `gaussian {mean, sigma}`: exp(−½((x − mean)/sigma)²).
 * - `sigmoid {slope, center}`: 1 / (1 + exp(−slope·(x − center))) (slope < 0 for a falling edge).
 *
 * Shoulder convention: a vertical outer edge (a = b for a triangle or trapezoid; b = c for a triangle's right
 * side, c = d for a trapezoid's) is an open shoulder: μ stays 1 beyond it. So `{type: "triangular", a: 0, b: 0,
 * c: 1}` is "low" over a [0, 1] feature: 1 at and below 0, 0 at and above 1.
 */
export type MembershipFunction = z.infer<typeof membershipSchema>;

/**
 * Evaluates a membership function at x (NaN in → NaN out).
 *
 * @example
 * membership({ type: "triangular", a: 0, b: 0.5, c: 1 }, 0.25); // → 0.5
 * membership({ type: "triangular", a: 0, b: 0, c: 1 }, -3);     // → 1 (left shoulder)
 * @see L. A. Zadeh (1965), "Fuzzy sets", Information and Control 8(3); scikit-fuzzy `trimf`/`trapmf`/`gaussmf`/`sigmf`.
 */
export function membership(mf: MembershipFunction, x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  switch (mf.type) {
    case "triangular":
      return trapezoid(x, mf.a, mf.b, mf.b, mf.c);
    case "trapezoidal":
      return trapezoid(x, mf.a, mf.b, mf.c, mf.d);
    case "gaussian": {
      const z = (x - mf.mean) / mf.sigma;
      return Math.exp(-0.5 * z * z);
    }
    case "sigmoid":
      return 1 / (1 + Math.exp(-mf.slope * (x - mf.center)));
  }
}

function trapezoid(x: number, a: number, b: number, c: number, d: number): number {
  if (x < b) {
    if (a === b) return 1; // left shoulder
    return x <= a ? 0 : (x - a) / (b - a);
  }
  if (x <= c) return 1;
  if (c === d) return 1; // right shoulder
  return x >= d ? 0 : (d - x) / (d - c);
}
