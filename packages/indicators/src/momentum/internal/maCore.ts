import type { MaType } from "./options.js";

/**
 * Private moving-average kernels with TA-Lib's exact arithmetic, used inside the momentum, volume and statistics
 * indicators (MACD, PPO, Stochastic, TRIX, ADOSC, Force Index, …). Each `update(x)` returns NaN until ready.
 */

/** TA-Lib's `TA_SMA` running sum: add the new value, divide, then subtract the trailing value. */
export class SmaCore {
  readonly period: number;
  private buf: Float64Array;
  private idx = 0;
  private count = 0;
  private sum = 0;
  constructor(period: number) {
    this.period = period;
    this.buf = new Float64Array(period);
  }
  update(x: number): number {
    const p = this.period;
    this.sum += x;
    this.buf[this.idx] = x;
    if (++this.idx === p) this.idx = 0;
    if (this.count < p) {
      this.count++;
      if (this.count < p) return Number.NaN;
    }
    const out = this.sum / p;
    this.sum -= this.buf[this.idx]!;
    return out;
  }
  reset(): void {
    this.idx = 0;
    this.count = 0;
    this.sum = 0;
    this.buf.fill(0);
  }
}

/**
 * TA-Lib's `TA_INT_EMA`: seeded with the SMA of the first `period` inputs (`seed: "sma"`), then
 * `ema = (x − ema)·k + ema` with `k = 2/(period+1)` unless given. `seed: "first"` starts from the first input
 * (pandas `ewm(adjust=False)`, Tulip), ready immediately.
 */
export class EmaCore {
  readonly period: number;
  readonly k: number;
  private readonly seedSma: boolean;
  private count = 0;
  private sum = 0;
  private ema = Number.NaN;
  constructor(period: number, k = 2 / (period + 1), seed: "sma" | "first" = "sma") {
    this.period = period;
    this.k = k;
    this.seedSma = seed === "sma";
  }
  /** Inputs consumed before the first value. */
  get lookback(): number {
    return this.seedSma ? this.period - 1 : 0;
  }
  update(x: number): number {
    if (this.count >= this.period || (!this.seedSma && this.count > 0)) {
      this.ema = (x - this.ema) * this.k + this.ema;
      return this.ema;
    }
    this.count++;
    if (!this.seedSma) {
      this.ema = x;
      return x;
    }
    this.sum += x;
    if (this.count < this.period) return Number.NaN;
    this.ema = this.sum / this.period;
    return this.ema;
  }
  reset(): void {
    this.count = 0;
    this.sum = 0;
    this.ema = Number.NaN;
  }
}

/** SMA or EMA chosen by TA-Lib's MA type (SMA = 0, EMA = 1). */
export class MaCore {
  private readonly sma: SmaCore | null;
  private readonly ema: EmaCore | null;
  readonly lookback: number;
  constructor(period: number, type: MaType) {
    this.sma = type === "sma" ? new SmaCore(period) : null;
    this.ema = type === "ema" ? new EmaCore(period) : null;
    this.lookback = period - 1;
  }
  update(x: number): number {
    return this.sma !== null ? this.sma.update(x) : this.ema!.update(x);
  }
  reset(): void {
    this.sma?.reset();
    this.ema?.reset();
  }
}
