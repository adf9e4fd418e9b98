import { MaCore } from "./maCore.js";
import type { MaType } from "./options.js";
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
