import { z } from "zod";
import type { StreamingIndicator } from "../../indicator.js";
import { MaCore } from "./maCore.js";
import { type MaType, maType, period } from "./options.js";
import { shadowOf } from "./peek.js";
import { isZero } from "./talibMath.js";

/**
 * Private kernel of TA-Lib's `INT_PO` (APO and PPO): a fast and a slow moving average (swapped if slow < fast),
 * each SMA-seeded on its own first inputs (unlike MACD, TA-Lib's APO/PPO do not delay the fast EMA; checked against
 * the talib oracle). `update` returns the APO; `ppo` holds `100·(fast − slow)/slow`.
 */
export class PoCore {
  readonly lookback: number;
  private readonly fast: MaCore;
  private readonly slow: MaCore;
  private n = 0;
  apo = Number.NaN;
  ppo = Number.NaN;
  constructor(fastPeriod: number, slowPeriod: number, type: MaType) {
    if (slowPeriod < fastPeriod) {
      const t = slowPeriod;
      slowPeriod = fastPeriod;
      fastPeriod = t;
    }
    this.fast = new MaCore(fastPeriod, type);
    this.slow = new MaCore(slowPeriod, type);
    this.lookback = slowPeriod - 1;
  }
  update(x: number): number {
    const n = this.n++;
    const s = this.slow.update(x);
    const f = this.fast.update(x);
    if (n < this.lookback) return Number.NaN;
    this.apo = f - s;
    this.ppo = Number.isNaN(s) || Number.isNaN(f) ? Number.NaN : !isZero(s) ? ((f - s) / s) * 100.0 : 0.0;
    return this.apo;
  }
  get isReady(): boolean {
    return this.n > this.lookback;
  }
  reset(): void {
    this.fast.reset();
    this.slow.reset();
    this.n = 0;
    this.apo = Number.NaN;
    this.ppo = Number.NaN;
  }
}

/** The option schema APO and PPO share (`fastPeriod` 12, `slowPeriod` 26, `maType` "sma"). */
export const priceOscillatorOptions = z
  .object({ fastPeriod: period(12), slowPeriod: period(26), maType: maType.default("sma") })
  .strict();

/** Output selector: APO (`fast − slow`). */
export const PO_APO = 0;
/** Output selector: PPO (`100·(fast − slow)/slow`). */
export const PO_PPO = 1;
export type PriceOscillatorOutput = typeof PO_APO | typeof PO_PPO;

/**
 * The public streaming face of APO and PPO: {@link Apo} and {@link Ppo} are thin subclasses that parse their
 * options and pick which of {@link PoCore}'s two outputs they report.
 */
export abstract class PriceOscillator implements StreamingIndicator<number> {
  readonly lookback: number;
  private readonly core: PoCore;
  private readonly output: PriceOscillatorOutput;
  private out = Number.NaN;
  protected constructor(o: z.output<typeof priceOscillatorOptions>, output: PriceOscillatorOutput) {
    this.core = new PoCore(o.fastPeriod, o.slowPeriod, o.maType);
    this.lookback = this.core.lookback;
    this.output = output;
  }
  update(x: number): number {
    this.core.update(x);
    if (!this.core.isReady) return Number.NaN;
    this.out = this.output === PO_APO ? this.core.apo : this.core.ppo;
    return this.out;
  }
  peek(x: number): number {
    return shadowOf(this).update(x);
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.core.isReady;
  }
  reset(): void {
    this.core.reset();
    this.out = Number.NaN;
  }
}
