import { z } from "zod";
import type { BarView, Strategy, StrategyContext } from "../engine/strategy.js";
import { goTo, sizingSchema, unitsFor } from "./sizing.js";

/**
 * Parameters of {@link VolumeBreakout}.
 *
 * @example
 * volumeBreakoutParams.parse({}).holdBars // → 10
 */
export const volumeBreakoutParams = z.object({
  /** Bars in the look-back window for the average volume and the highest close. */
  lookback: z.number().int().min(2).default(20),
  /** Volume spike: volume > `volumeMultiple` × average volume of the previous `lookback` bars. */
  volumeMultiple: z.number().positive().default(2),
  /** Exit after this many bars in the trade. */
  holdBars: z.number().int().min(1).default(10),
  sizing: sizingSchema,
});

/**
 * Volume-spike breakout (long only): buy when a bar closes above the highest close of the previous `lookback` bars
 * on volume above `volumeMultiple` × their average; exit after `holdBars` bars.
 *
 * @example
 * runBacktest({ strategy: "volume-breakout", params: { lookback: 20, volumeMultiple: 2, holdBars: 10 }, data: [...] })
 */
export class VolumeBreakout implements Strategy {
  readonly id = "volume-breakout";
  private readonly p: z.output<typeof volumeBreakoutParams>;
  private vols!: Float64Array;
  private closes!: Float64Array;
  private n = 0;
  private held = -1;

  constructor(params: z.input<typeof volumeBreakoutParams> = {}) {
    this.p = volumeBreakoutParams.parse(params);
  }

  onStart(): void {
    this.vols = new Float64Array(this.p.lookback);
    this.closes = new Float64Array(this.p.lookback);
  }

  onBar(bar: BarView, ctx: StrategyContext): void {
    const L = this.p.lookback;
    if (this.n >= L) {
      let avg = 0;
      let hi = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < L; i++) {
        avg += this.vols[i]!;
        if (this.closes[i]! > hi) hi = this.closes[i]!;
      }
      avg /= L;
      const pos = ctx.position(bar.symbol);
      if (pos > 0 && this.held >= 0 && ++this.held >= this.p.holdBars) {
        goTo(ctx, bar.symbol, 0);
        this.held = -1;
      } else if (pos === 0 && this.held < 0 && bar.close > hi && bar.volume > this.p.volumeMultiple * avg) {
        goTo(ctx, bar.symbol, unitsFor(this.p.sizing, ctx, bar.close));
        this.held = 0;
      } else if (pos === 0 && this.held >= 0 && ctx.openOrders(bar.symbol).length === 0) this.held = -1;
    }
    const k = this.n % L;
    this.vols[k] = bar.volume;
    this.closes[k] = bar.close;
    this.n++;
  }
}
