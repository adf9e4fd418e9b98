import { z } from "zod";

/**
 * Slippage models for orders that take liquidity (market, stop, MOO/MOC, trailing stop). Limit fills never slip
 * past their limit price.
 * - `none`.
 * - `fixed-bps`: `price · bps / 1e4`.
 * - `half-spread`: half of `spread` (price units) or of `spreadBps` of the price.
 * - `sqrt-impact`: `price · coefficient · σ · √(qty / barVolume)`, σ = `volatility` or the bar's (high − low)/open
 *   (square-root market-impact law).
 * @example
 * slippageSchema.parse({ model: "fixed-bps", bps: 2 }) // → { model: "fixed-bps", bps: 2 }
 */
export const slippageSchema = z
  .discriminatedUnion("model", [
    z.object({ model: z.literal("none") }),
    z.object({ model: z.literal("fixed-bps"), bps: z.number().min(0) }),
    z.object({
      model: z.literal("half-spread"),
      spread: z.number().min(0).optional(),
      spreadBps: z.number().min(0).optional(),
    }),
    z.object({
      model: z.literal("sqrt-impact"),
      coefficient: z.number().min(0).default(1),
      volatility: z.number().min(0).optional(),
    }),
  ])
  .default({ model: "none" });

/** A validated slippage model. */
export type Slippage = z.output<typeof slippageSchema>;

/**
 * Adverse price adjustment (≥ 0, price units) for a taker fill of `qty` at reference `price` on a bar.
 *
 * @example
 * slippageAmount({ model: "fixed-bps", bps: 10 }, 100, 1, 1000, 101, 99) // → 0.1
 * @see Almgren et al., "Direct Estimation of Equity Market Impact" (2005), square-root law
 */
export function slippageAmount(
  m: Slippage,
  price: number,
  qty: number,
  volume: number,
  high: number,
  low: number,
): number {
  switch (m.model) {
    case "none":
      return 0;
    case "fixed-bps":
      return (price * m.bps) / 1e4;
    case "half-spread":
      return m.spread !== undefined ? m.spread / 2 : (price * (m.spreadBps ?? 0)) / 2e4;
    case "sqrt-impact": {
      const sigma = m.volatility ?? (price > 0 ? (high - low) / price : 0);
      return volume > 0 ? price * m.coefficient * sigma * Math.sqrt(qty / volume) : 0;
    }
  }
}
