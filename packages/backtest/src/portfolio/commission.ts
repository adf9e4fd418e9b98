import { z } from "zod";

/**
 * Commission schedule: `perShare` (account currency per unit), `bps` (of notional), `flat` (per fill), all added,
 * then raised to `minimum` per fill. All default to 0.
 * @example
 * commissionSchema.parse({ perShare: 0.005 }).minimum // → 0
 */
export const commissionSchema = z
  .object({
    perShare: z.number().min(0).default(0),
    bps: z.number().min(0).default(0),
    flat: z.number().min(0).default(0),
    minimum: z.number().min(0).default(0),
  })
  .default({ perShare: 0, bps: 0, flat: 0, minimum: 0 });

/** A validated commission schedule. */
export type Commission = z.output<typeof commissionSchema>;

/**
 * Commission for one fill: `max(minimum, qty·perShare + |notional|·bps/1e4 + flat)`.
 *
 * @param c - the schedule.
 * @param qty - units traded (> 0).
 * @param price - execution price.
 * @example
 * commissionFor({ perShare: 0.005, bps: 0, flat: 0, minimum: 1 }, 100, 50) // → 1 (0.5 raised to the minimum)
 * @see https://www.interactivebrokers.com/en/pricing/commissions-stocks.php (per-share with a minimum)
 */
export function commissionFor(c: Commission, qty: number, price: number): number {
  const raw = qty * c.perShare + (Math.abs(qty * price) * c.bps) / 1e4 + c.flat;
  return Math.max(raw, c.minimum);
}
