import { Rsi } from "@quantkit/indicators";
import { z } from "zod";
import type { BarView, Strategy, StrategyContext } from "../engine/strategy.js";
import { goTo, sizingSchema, unitsFor } from "./sizing.js";

/**
 * Parameters of {@link RsiReversion}.
 *
 * @example
 * rsiReversionParams.parse({}).period // → 14
 */
export const rsiReversionParams = z
  .object({
    period: z.number().int().min(2).default(14),
    /** Enter long when RSI falls below this. */
    oversold: z.number().min(0).max(100).default(30),
    /** Exit when RSI rises above this. */
    exit: z.number().min(0).max(100).default(55),
    sizing: sizingSchema,
  })
  .refine((p) => p.oversold < p.exit, { message: "oversold must be < exit", path: ["oversold"] });

/**
 * RSI mean reversion (long only): buy when Wilder's RSI drops below `oversold`, sell when it recovers above `exit`.
 *
 * @example
 * runBacktest({ strategy: "rsi-reversion", params: { period: 14, oversold: 30, exit: 55 }, data: [...] })
 * @see Wilder, New Concepts in Technical Trading Systems (1978)
 */
export class RsiReversion implements Strategy {
  readonly id = "rsi-reversion";
  private readonly p: z.output<typeof rsiReversionParams>;
  private rsi!: Rsi;

  constructor(params: z.input<typeof rsiReversionParams> = {}) {
    this.p = rsiReversionParams.parse(params);
  }

  onStart(): void {
    this.rsi = new Rsi({ period: this.p.period });
  }

  onBar(bar: BarView, ctx: StrategyContext): void {
    const r = this.rsi.update(bar.close);
    if (Number.isNaN(r)) return;
    const pos = ctx.position(bar.symbol);
    const pending = ctx.openOrders(bar.symbol).length > 0;
    if (pending) return;
    if (pos === 0 && r < this.p.oversold) goTo(ctx, bar.symbol, unitsFor(this.p.sizing, ctx, bar.close));
    else if (pos > 0 && r > this.p.exit) goTo(ctx, bar.symbol, 0);
  }
}
