import { Sma } from "@quantkit/indicators";
import { z } from "zod";
import type { BarView, Strategy, StrategyContext } from "../engine/strategy.js";
import { goTo, sizingSchema, unitsFor } from "./sizing.js";

/**
 * Parameters of {@link SmaCross}.
 *
 * @example
 * smaCrossParams.parse({ fast: 5, slow: 20 }).allowShort // → false
 */
export const smaCrossParams = z
  .object({
    fast: z.number().int().min(1).default(10),
    slow: z.number().int().min(2).default(30),
    /** Go short on a down-cross instead of flat. Default false. */
    allowShort: z.boolean().default(false),
    sizing: sizingSchema,
  })
  .refine((p) => p.fast < p.slow, { message: "fast must be < slow", path: ["fast"] });

/**
 * SMA-crossover momentum: long when the fast SMA of closes crosses above the slow one, flat (or short) when it
 * crosses below. Decisions are taken on the bar's close and fill no earlier than the next bar.
 *
 * @example
 * runBacktest({ strategy: "sma-cross", params: { fast: 10, slow: 30 }, data: [...] })
 */
export class SmaCross implements Strategy {
  readonly id = "sma-cross";
  private readonly p: z.output<typeof smaCrossParams>;
  private fast!: Sma;
  private slow!: Sma;
  private prevDiff = Number.NaN;

  constructor(params: z.input<typeof smaCrossParams> = {}) {
    this.p = smaCrossParams.parse(params);
  }

  onStart(): void {
    this.fast = new Sma({ period: this.p.fast });
    this.slow = new Sma({ period: this.p.slow });
  }

  onBar(bar: BarView, ctx: StrategyContext): void {
    const diff = this.fast.update(bar.close) - this.slow.update(bar.close);
    const prev = this.prevDiff;
    this.prevDiff = diff;
    if (Number.isNaN(prev) || Number.isNaN(diff)) return; // warm-up
    if (prev <= 0 && diff > 0) goTo(ctx, bar.symbol, unitsFor(this.p.sizing, ctx, bar.close));
    else if (prev >= 0 && diff < 0)
      goTo(ctx, bar.symbol, this.p.allowShort ? -unitsFor(this.p.sizing, ctx, bar.close) : 0);
  }
}
