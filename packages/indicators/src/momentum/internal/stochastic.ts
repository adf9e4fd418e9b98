/**
 * Private shared kernel of TA-Lib's STOCH and STOCHF: raw %K ({@link FastKCore}), optionally smoothed by a moving
 * average (STOCH's slow %K; STOCHF has none), and %D as a moving average of that %K line, with TA-Lib's warm-up.
 * One streaming shell and one column loop serve both public classes, which only name their two lines.
 */
import type { BarInput, HlcColumns, StreamingIndicator } from "../../indicator.js";
import { FastKCore } from "./fastKCore.js";
import { MaCore } from "./maCore.js";
import type { MaType } from "./options.js";
import { shadowOf } from "./peek.js";

/** Streaming base of {@link Stoch} and {@link StochF}: `update` returns the %K line; `d` holds %D. */
export abstract class StochasticLines implements StreamingIndicator<BarInput> {
  readonly lookback: number;
  private readonly k: FastKCore;
  private readonly maK: MaCore | null;
  private readonly maD: MaCore;
  private readonly kReady: number;
  private n = 0;
  private kv = Number.NaN;
  private dv = Number.NaN;

  /** `smoothK` = `[period, type]` of the %K smoothing (slow stochastic) or `null` (fast stochastic). */
  protected constructor(
    fastKPeriod: number,
    smoothK: readonly [number, MaType] | null,
    d: readonly [number, MaType],
  ) {
    this.k = new FastKCore(fastKPeriod);
    this.maK = smoothK === null ? null : new MaCore(smoothK[0], smoothK[1]);
    this.maD = new MaCore(d[0], d[1]);
    this.kReady = fastKPeriod - 1 + (this.maK === null ? 0 : this.maK.lookback);
    this.lookback = this.kReady + this.maD.lookback;
  }
  /** Scalar form of {@link update}. */
  step(high: number, low: number, close: number): number {
    const n = this.n++;
    let k = this.k.update(high, low, close);
    if (n < this.k.period - 1) return Number.NaN;
    if (this.maK !== null) {
      k = this.maK.update(k);
      if (n < this.kReady) return Number.NaN;
    }
    const d = this.maD.update(k);
    if (n < this.lookback) return Number.NaN;
    this.kv = k;
    this.dv = d;
    return k;
  }
  update(bar: BarInput): number {
    return this.step(bar.high, bar.low, bar.close);
  }
  peek(bar: BarInput): number {
    return shadowOf(this).update(bar);
  }
  get value(): number {
    return this.kv;
  }
  /** The latest %D value (`slowD` of {@link Stoch}, `fastD` of {@link StochF}). */
  get dValue(): number {
    return this.dv;
  }
  get isReady(): boolean {
    return this.n > this.lookback;
  }
  reset(): void {
    this.k.reset();
    this.maK?.reset();
    this.maD.reset();
    this.n = 0;
    this.kv = Number.NaN;
    this.dv = Number.NaN;
  }
}

/** The vectorized face: `[%K, %D]` columns. Allocates the outputs only. */
export function stochasticSeries(ind: StochasticLines, bars: HlcColumns): [Float64Array, Float64Array] {
  const { high, low, close } = bars;
  const n = close.length;
  const k = new Float64Array(n);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    k[i] = ind.step(high[i]!, low[i]!, close[i]!);
    d[i] = ind.dValue;
  }
  return [k, d];
}
