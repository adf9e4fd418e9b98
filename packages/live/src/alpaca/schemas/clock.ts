import { z } from "zod";
import { rfc3339String } from "./primitives.js";

/**
 * `GET /v2/clock` (`legacy_clock` in the current spec): the market clock with nanosecond timestamps and offsets.
 *
 * @example
 * alpacaClock.parse({ timestamp: "2022-04-28T14:07:04.451420928-04:00", is_open: true,
 *   next_open: "2022-04-29T09:30:00-04:00", next_close: "2022-04-28T16:00:00-04:00" }).is_open // → true
 * @see https://docs.alpaca.markets/reference/legacyclock
 */
export const alpacaClock = z.looseObject({
  timestamp: rfc3339String,
  is_open: z.boolean(),
  next_open: rfc3339String,
  next_close: rfc3339String,
});
/** A parsed market clock. */
export type AlpacaClock = z.infer<typeof alpacaClock>;
