import { parseWith } from "@quantkit/core";
import { z } from "zod";

/**
 * The zod schema of a look-back period: an integer in `[min, 100000]` (TA-Lib's range), with an optional default.
 *
 * @param min - smallest allowed period (TA-Lib uses 2 for most averages, 1 for ATR-like ones).
 * @param defaultValue - value used when the option is omitted.
 * @example
 * periodSchema(2, 14).parse(undefined); // → 14
 * @see https://ta-lib.org/functions/ — each function's optInTimePeriod range
 */
export function periodSchema(min: number, defaultValue: number): z.ZodDefault<z.ZodNumber>;
export function periodSchema(min?: number): z.ZodNumber;
export function periodSchema(min = 2, defaultValue?: number): z.ZodNumber | z.ZodDefault<z.ZodNumber> {
  const s = z.number().int().min(min).max(100_000);
  return defaultValue === undefined ? s : s.default(defaultValue);
}

/**
 * A finite number ≥ 0 (band widths, multipliers), with an optional default.
 *
 * @example
 * nonNegativeSchema(2).parse(undefined); // → 2
 */
export function nonNegativeSchema(defaultValue: number): z.ZodDefault<z.ZodNumber>;
export function nonNegativeSchema(): z.ZodNumber;
export function nonNegativeSchema(defaultValue?: number): z.ZodNumber | z.ZodDefault<z.ZodNumber> {
  const s = z.number().min(0).max(Number.MAX_VALUE);
  return defaultValue === undefined ? s : s.default(defaultValue);
}

/**
 * A finite number > 0 (acceleration factors, annualization factors), with an optional default.
 *
 * @example
 * positiveSchema(252).parse(undefined); // → 252
 */
export function positiveSchema(defaultValue: number): z.ZodDefault<z.ZodNumber>;
export function positiveSchema(): z.ZodNumber;
export function positiveSchema(defaultValue?: number): z.ZodNumber | z.ZodDefault<z.ZodNumber> {
  const s = z.number().positive().max(Number.MAX_VALUE);
  return defaultValue === undefined ? s : s.default(defaultValue);
}

/**
 * Parses an indicator's options object (`undefined` means "all defaults") and throws a `ValidationError` naming
 * each bad option (`Invalid SMA options: period: Too small: …`).
 *
 * @param schema - the indicator's options schema (a `z.object`).
 * @param options - untrusted user options.
 * @param what - the indicator's name, used in messages (`"SMA"`).
 * @example
 * parseOptions(z.object({ period: periodSchema(2, 30) }), undefined, "SMA"); // → { period: 30 }
 */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown, what: string): z.output<S> {
  return parseWith(schema, options ?? {}, `${what} options`);
}

/**
 * A fresh output column of length `n` filled with `NaN` (the warm-up marker).
 *
 * @example
 * nanArray(3); // → Float64Array [NaN, NaN, NaN]
 */
export function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(Number.NaN);
}
