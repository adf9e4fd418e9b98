import { z } from "zod";

/**
 * zod schema of an exchange decimal string (`"9682.19"`, `"0.001"`): digits with an optional fraction, parsed to
 * a finite number. Exchanges send prices and sizes as strings so that no precision is lost on the wire.
 *
 * @example
 * decimal.parse("9682.19") // → 9682.19
 * decimal.safeParse("1e5").success // → false
 * @see https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info
 */
export const decimal = z
  .string()
  .regex(/^\d{1,20}(\.\d{1,20})?$/, 'expected a decimal string such as "9682.19"')
  .transform(Number);

/**
 * zod schema of a `[price, size]` level of decimal strings, parsed to numbers.
 * @example
 * level.parse(["20377.00", "1.770"]) // → [20377, 1.77]
 */
export const level = z.tuple([decimal, decimal]);
