import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { AroonCore } from "./aroon.js";
import { period } from "./internal/options.js";
import { shadowOf } from "./internal/peek.js";
import type { HlColumns } from "./plusDm.js";

/** Options of {@link aroonOsc} / {@link AroonOsc}: `period` (bars, integer ≥ 2, default 14). */
export const aroonOscOptions = z.object({ period: period(14) }).strict();
/** Parsed Aroon-oscillator options. */
export type AroonOscOptions = z.output<typeof aroonOscOptions>;

/**
 * Streaming Aroon oscillator: `aroonUp − aroonDown` in [−100, 100] (see {@link Aroon}), computed as TA-Lib does:
 * `(100/period)·(indexOfHighestHigh − indexOfLowestLow)`. Lookback `period`.
 *
 * @param options - `{ period = 14 }`.
 * @example
 * const a = new AroonOsc({ period: 2 });
 * [[1, 0], [3, 1], [2, 0.5]].map(([h, l]) => a.update({ high: h, low: l, close: h })); // → [NaN, NaN, 50]
 * @see TA-Lib `TA_AROONOSC` (ta_AROONOSC.c).
 */
export class AroonOsc implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly core: AroonCore;
  private out = Number.NaN;
  constructor(options?: z.input<typeof aroonOscOptions>) {
    this.core = new AroonCore(parseWith(aroonOscOptions, options ?? {}, "AROONOSC options").period);
    this.lookback = this.core.period;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number): number {
    if (!this.core.step(high, low)) return Number.NaN;
    this.out = this.core.osc;
    return this.out;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low);
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
 * Aroon oscillator over bar columns (see {@link AroonOsc}).
 *
 * @param bars - `{ high, low }` columns.
 * @param options - `{ period = 14 }`.
 * @example
 * aroonOsc({ high: Float64Array.of(1, 3, 2), low: Float64Array.of(0, 1, 0.5) }, { period: 2 }); // → [NaN, NaN, 50]
 * @see TA-Lib `TA_AROONOSC`.
 */
export function aroonOsc(bars: HlColumns, options?: z.input<typeof aroonOscOptions>): Float64Array {
  const core = new AroonOsc(options);
  const { high, low } = bars;
  const n = high.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.step(high[i]!, low[i]!);
  return out;
}
