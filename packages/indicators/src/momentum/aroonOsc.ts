import { parseWith } from "@quantkit/core";
import { z } from "zod";
import { AroonCore } from "./aroon.js";
import { HlcIndicator, hlcSeries } from "./internal/hlcIndicator.js";
import { period } from "./internal/options.js";
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
export class AroonOsc extends HlcIndicator<AroonCore> {
  constructor(options?: z.input<typeof aroonOscOptions>) {
    const core = new AroonCore(parseWith(aroonOscOptions, options ?? {}, "AROONOSC options").period);
    super(core, core.period);
  }
  /** Scalar form of {@link update}; `close` is not read. */
  step(high: number, low: number, _close?: number): number {
    if (!this.core.step(high, low)) return Number.NaN;
    this.out = this.core.osc;
    return this.out;
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
  return hlcSeries(new AroonOsc(options), bars.high, bars.low);
}
