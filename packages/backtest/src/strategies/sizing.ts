import { z } from "zod";
import type { StrategyContext } from "../engine/strategy.js";

/**
 * Position sizing shared by the built-in strategies: a fixed quantity, or a fraction of equity converted to whole
 * units at the decision bar's close.
 * @example
 * sizingSchema.parse(undefined) // → { qty: 1 }
 */
export const sizingSchema = z
  .union([
    z.object({ qty: z.number().positive() }).strict(),
    z.object({ percentEquity: z.number().positive().max(10) }).strict(),
  ])
  .default({ qty: 1 });

/** Validated sizing. */
export type Sizing = z.output<typeof sizingSchema>;

/**
 * Units to trade at `price` under `sizing`.
 *
 * @example
 * unitsFor({ percentEquity: 0.5 }, ctx /* equity 10,000 *\/, 99) // → 50
 */
export function unitsFor(sizing: Sizing, ctx: StrategyContext, price: number): number {
  if ("qty" in sizing) return sizing.qty;
  return Math.floor((ctx.portfolio.equity * sizing.percentEquity) / price);
}

/**
 * Submits a market order moving the position in `symbol` to `target` units (no-op when already there).
 *
 * @example
 * goTo(ctx, "SPY", 100); // buys 100 when flat, 200 when short 100
 */
export function goTo(ctx: StrategyContext, symbol: string, target: number): void {
  const d = target - ctx.position(symbol);
  if (d > 0) ctx.submit({ symbol, side: "buy", qty: d });
  else if (d < 0) ctx.submit({ symbol, side: "sell", qty: -d });
}
