import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../../indicator.js";
import { WindowSum } from "../../util/moments.js";
import { periodSchema, positiveSchema } from "../../util/options.js";

/** Options shared by the range-based estimators (Parkinson, Garman–Klass, Rogers–Satchell). */
export const rangeVolatilityOptions = z
  .object({
    /** Window length in bars, 2…100000. Default 20. */
    period: periodSchema(2, 20),
    /** Bars per year used to annualize (`σ·√periodsPerYear`); 252 for daily bars (default), 1 for per-bar σ. */
    periodsPerYear: positiveSchema(252),
  })
  .strict();
/** Options shared by the range-based estimators. */
export type RangeVolatilityOptions = z.input<typeof rangeVolatilityOptions>;

/**
 * Core of the estimators whose variance is `scale · mean(term(bar))` over the window: `σ = √(scale·mean·ppy)`.
 * @internal
 */
export abstract class MeanTermVolatility implements StreamingIndicator<BarInput> {
  readonly period: number;
  readonly lookback: number;
  private readonly ppy: number;
  private readonly sum: WindowSum;
  private cur = Number.NaN;

  constructor(period: number, ppy: number) {
    this.period = period;
    this.ppy = ppy;
    this.lookback = period - 1;
    this.sum = new WindowSum(period);
  }

  /** The per-bar term (e.g. `ln(h/l)²`). */
  protected abstract term(bar: BarInput): number;
  /** The constant factor applied to the mean of the terms. */
  protected abstract readonly scale: number;

  private finish(total: number): number {
    return Math.sqrt((total / this.period) * this.scale * this.ppy);
  }

  update(bar: BarInput): number {
    const total = this.sum.push(this.term(bar));
    if (!this.sum.isFull) return Number.NaN;
    this.cur = this.finish(total);
    return this.cur;
  }

  peek(bar: BarInput): number {
    const total = this.sum.peek(this.term(bar));
    return Number.isNaN(total) ? Number.NaN : this.finish(total);
  }

  get value(): number {
    return this.cur;
  }

  get isReady(): boolean {
    return this.sum.isFull;
  }

  reset(): void {
    this.sum.reset();
    this.cur = Number.NaN;
  }
}
