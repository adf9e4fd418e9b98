import { type Bars, barCloseTime, QuantkitError, type TimeInput } from "@quantkit/core";
import type { Store } from "@quantkit/data";

/** One bar of the replay: the series it belongs to and its row. */
export interface ReplayBar {
  readonly symbol: string;
  readonly bars: Bars;
  readonly row: number;
}

/** A group of bars sharing one open time, published together. */
export interface ReplayStep {
  /** Bar open time, UTC epoch ms. */
  readonly ts: number;
  /** Time the bars are known (their close), UTC epoch ms. */
  readonly closeTs: number;
  readonly bars: readonly ReplayBar[];
}

/**
 * A time-ordered merge of several symbols' bars, stepped one open time at a time: the fake broker publishes each
 * step on its data stream and matches resting orders against it. Series must be sorted by `ts` (as the store
 * returns them); two bars of one symbol at one time are refused rather than silently dropped.
 *
 * @example
 * const r = new BarReplay([spy, qqq]); r.next()?.bars.length // → 2 when both have a bar at the first time
 */
export class BarReplay {
  readonly series: readonly Bars[];
  private readonly cursor: number[];
  private stepCount = 0;

  /** @param series - one {@link Bars} per symbol (distinct symbols). */
  constructor(series: readonly Bars[]) {
    const seen = new Set<string>();
    for (const b of series) {
      if (seen.has(b.symbol)) throw new QuantkitError(`BarReplay: symbol ${b.symbol} given twice`);
      seen.add(b.symbol);
      for (let i = 1; i < b.length; i++)
        if (!((b.ts[i] as number) > (b.ts[i - 1] as number)))
          throw new QuantkitError(`BarReplay: ${b.symbol} bars are not strictly increasing at row ${i}`);
    }
    this.series = series;
    this.cursor = series.map(() => 0);
  }

  /** Symbols in the replay. */
  get symbols(): string[] {
    return this.series.map((b) => b.symbol);
  }

  /** Number of steps published so far. */
  get published(): number {
    return this.stepCount;
  }

  /** True when every bar has been published. */
  get done(): boolean {
    return this.series.every((b, k) => (this.cursor[k] as number) >= b.length);
  }

  /** Open time of the next step, or undefined at the end. */
  peekTs(): number | undefined {
    let t = Number.POSITIVE_INFINITY;
    this.series.forEach((b, k) => {
      const i = this.cursor[k] as number;
      if (i < b.length) t = Math.min(t, b.ts[i] as number);
    });
    return Number.isFinite(t) ? t : undefined;
  }

  /** Publishes the next open time's bars (all symbols with a bar at that time), or undefined at the end. */
  next(): ReplayStep | undefined {
    const ts = this.peekTs();
    if (ts === undefined) return undefined;
    const out: ReplayBar[] = [];
    let closeTs = ts;
    this.series.forEach((b, k) => {
      const i = this.cursor[k] as number;
      if (i < b.length && b.ts[i] === ts) {
        out.push({ symbol: b.symbol, bars: b, row: i });
        closeTs = Math.max(closeTs, barCloseTime(ts, b.timeframe));
        this.cursor[k] = i + 1;
      }
    });
    this.stepCount++;
    return { ts, closeTs, bars: out };
  }
}

/**
 * Reads bars for a replay from a store (the bundled one works without any import: `openStore()` reads
 * `datasets/store/`).
 *
 * @param store - an open {@link Store}.
 * @param symbols - symbols to read, e.g. `["ORCL", "NVDA"]`.
 * @param query - timeframe (default `"1d"`), start (inclusive) and end (exclusive).
 * @example
 * const bars = await loadReplayBars(store, ["ORCL"], { timeframe: "1d", start: "2014-01-01" });
 * bars[0].symbol // → "ORCL"
 */
export async function loadReplayBars(
  store: Store,
  symbols: readonly string[],
  query: { timeframe?: Bars["timeframe"]; start?: TimeInput; end?: TimeInput } = {},
): Promise<Bars[]> {
  const out: Bars[] = [];
  for (const symbol of symbols)
    out.push(
      await store.getBars({ symbol, timeframe: query.timeframe ?? "1d", start: query.start, end: query.end }),
    );
  return out;
}
