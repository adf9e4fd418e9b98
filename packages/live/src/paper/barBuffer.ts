import type { Bars, Timeframe } from "@quantkit/core";

/**
 * A growable columnar store of one symbol's live bars (capacity doubles, amortized O(1) per bar); `view()` returns
 * {@link Bars} as zero-copy `subarray`s of everything received so far, like the backtest's `history(symbol)`.
 *
 * @example
 * const b = new BarBuffer("SPY", "1m"); b.push(0, 1, 2, 0.5, 1.5, 100); b.view().close // → Float64Array [1.5]
 */
export class BarBuffer {
  private cap: number;
  private n = 0;
  private cols: Float64Array[];

  /** @param capacity - initial capacity in bars (default 1024). */
  constructor(
    readonly symbol: string,
    readonly timeframe: Timeframe,
    capacity = 1024,
  ) {
    this.cap = capacity;
    this.cols = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(capacity));
  }

  /** Bars stored. */
  get length(): number {
    return this.n;
  }

  /** Open time (UTC epoch ms) of the last bar, NaN when empty. */
  get lastTs(): number {
    return this.n === 0 ? Number.NaN : this.cols[0]![this.n - 1]!;
  }

  /** Appends a bar (`ts` = open time). Returns its index. */
  push(ts: number, open: number, high: number, low: number, close: number, volume: number): number {
    if (this.n === this.cap) {
      this.cap *= 2;
      this.cols = this.cols.map((c) => {
        const next = new Float64Array(this.cap);
        next.set(c);
        return next;
      });
    }
    const i = this.n++;
    const c = this.cols;
    c[0]![i] = ts;
    c[1]![i] = open;
    c[2]![i] = high;
    c[3]![i] = low;
    c[4]![i] = close;
    c[5]![i] = volume;
    return i;
  }

  /** Every bar so far as {@link Bars} (views; valid until the next `push` grows the buffer). */
  view(): Bars {
    const n = this.n;
    const c = this.cols;
    return {
      symbol: this.symbol,
      timeframe: this.timeframe,
      length: n,
      ts: c[0]!.subarray(0, n),
      open: c[1]!.subarray(0, n),
      high: c[2]!.subarray(0, n),
      low: c[3]!.subarray(0, n),
      close: c[4]!.subarray(0, n),
      volume: c[5]!.subarray(0, n),
    };
  }
}
