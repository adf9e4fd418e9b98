/**
 * Private shell shared by the bar indicators whose math lives in a stepped core (the directional-movement family,
 * ADX, ADXR, AROONOSC): one implementation of `update`/`peek`/`value`/`isReady`/`reset` and one vectorized loop,
 * so each public class only parses its options and says how its output is read from its core.
 */
import type { BarInput, StreamingIndicator } from "../../indicator.js";
import { shadowOf } from "./peek.js";

/** A stepped core: bars consumed so far and a reset. */
export interface SteppedCore {
  readonly n: number;
  reset(): void;
}

/** Base of the high/low/close stepped bar indicators (see the module comment). */
export abstract class HlcIndicator<C extends SteppedCore> implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  protected readonly core: C;
  protected out = Number.NaN;

  protected constructor(core: C, lookback: number) {
    this.core = core;
    this.lookback = lookback;
  }

  /** Scalar form of {@link update}; `close` is ignored by the indicators that read only high and low. */
  abstract step(high: number, low: number, close: number): number;

  update(bar: BarInput): number {
    return this.step(bar.high, bar.low, bar.close);
  }

  peek(bar: BarInput): number {
    return shadowOf(this).update(bar);
  }

  get value(): number {
    return this.out;
  }

  get isReady(): boolean {
    return this.core.n > this.lookback;
  }

  reset(): void {
    this.core.reset();
    this.out = Number.NaN;
  }
}

/**
 * The vectorized face of an {@link HlcIndicator}: steps a fresh instance over the columns (`close` omitted reads as
 * 0 for high/low indicators). Allocates the output only.
 */
export function hlcSeries(
  ind: HlcIndicator<SteppedCore>,
  high: Float64Array,
  low: Float64Array,
  close?: Float64Array,
): Float64Array {
  const n = high.length;
  const out = new Float64Array(n);
  if (close === undefined) for (let i = 0; i < n; i++) out[i] = ind.step(high[i]!, low[i]!, 0);
  else for (let i = 0; i < n; i++) out[i] = ind.step(high[i]!, low[i]!, close[i]!);
  return out;
}
