import { z } from "zod";

/**
 * Private zod building blocks for indicator options: integer periods with TA-Lib's bounds and defaults.
 *
 * @example
 * z.object({ period: period(14, 2) }).parse({}) // → { period: 14 }
 */
export function period(defaultValue: number, min = 2): z.ZodDefault<z.ZodNumber> {
  return z.number().int().min(min).max(100_000).default(defaultValue);
}

/** Moving-average kinds accepted where TA-Lib takes an `optInMAType` (SMA = 0 and EMA = 1 are supported). */
export const maType = z.enum(["sma", "ema"]);
/** A moving-average kind: `"sma"` (TA-Lib's default, MAType 0) or `"ema"` (MAType 1, SMA-seeded). */
export type MaType = z.infer<typeof maType>;
