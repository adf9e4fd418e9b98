import { bucketStart, parseWith, type Timeframe, timeframeSchema, ValidationError } from "@quantkit/core";
import { z } from "zod";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { shadowOf } from "../momentum/internal/peek.js";
import { vwapPrice } from "./rollingVwap.js";

/**
 * Options of {@link vwap} / {@link Vwap}: the session is the `anchor` bucket (`"1d"` default, any timeframe, e.g.
 * `"1w"`) in `timezone` (IANA name, default `"UTC"`), shifted by `sessionOffsetMs` (e.g. `17 * 3600_000` for a
 * session opening at 17:00 local); `price` is `"typical"` (default) or `"close"`.
 */
export const vwapOptions = z
  .object({
    anchor: timeframeSchema.default("1d"),
    timezone: z
      .string()
      .min(1)
      .default("UTC")
      .refine(
        (tz) => {
          try {
            new Intl.DateTimeFormat("en-US", { timeZone: tz });
            return true;
          } catch {
            return false;
          }
        },
        { message: "expected an IANA time zone such as America/New_York" },
      ),
    sessionOffsetMs: z.number().finite().default(0),
    price: vwapPrice.default("typical"),
  })
  .strict();
/** Parsed session-VWAP options. */
export type VwapOptions = z.output<typeof vwapOptions>;

/** One bar for the session VWAP: a {@link BarInput} with its open time `ts` (UTC epoch ms). */
export interface VwapBarInput extends BarInput {
  readonly ts: number;
}

/** Columns read by {@link vwap} (a `Bars` object works). */
export interface VwapColumns {
  readonly ts: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/**
 * Streaming session-anchored VWAP: `Σ price·volume / Σ volume` since the start of the bar's session, resetting when
 * a bar's `ts` falls in a new session (`bucketStart(ts − offset, anchor, { timezone }) + offset`, so DST is
 * handled by the calendar). Neumaier-compensated cumulative sums. A session whose volume so far is 0 gives NaN;
 * a NaN bar makes the rest of its session NaN. Timestamps must not go backwards: an earlier `ts` throws a
 * `ValidationError` (never silently reordered). Lookback 0. Checked against a pandas groupby/cumsum golden file.
 *
 * @param options - see {@link vwapOptions}.
 * @example
 * const v = new Vwap({ price: "close" });
 * v.update({ ts: 0, high: 10, low: 10, close: 10, volume: 1 });
 * v.update({ ts: 60_000, high: 13, low: 13, close: 13, volume: 2 }); // → 12
 * v.update({ ts: 86_400_000, high: 20, low: 20, close: 20, volume: 5 }); // → 20 (new UTC day)
 * @see https://en.wikipedia.org/wiki/Volume-weighted_average_price
 */
export class Vwap implements StreamingIndicator<VwapBarInput> {
  readonly lookback = 0;
  private readonly anchor: Timeframe;
  private readonly timezone: string;
  private readonly offset: number;
  private readonly typical: boolean;
  private n = 0;
  private lastTs = Number.NEGATIVE_INFINITY;
  private sessionStart = Number.NaN;
  private sessionEnd = Number.NaN;
  private pv = 0;
  private pvc = 0;
  private v = 0;
  private vc = 0;
  private out = Number.NaN;

  constructor(options?: z.input<typeof vwapOptions>) {
    const o = parseWith(vwapOptions, options ?? {}, "VWAP options");
    this.anchor = o.anchor;
    this.timezone = o.timezone;
    this.offset = o.sessionOffsetMs;
    this.typical = o.price === "typical";
  }

  private sessionOf(ts: number): number {
    return bucketStart(ts - this.offset, this.anchor, { timezone: this.timezone }) + this.offset;
  }

  /** Scalar form of {@link update}; `i` only labels errors. */
  step(ts: number, high: number, low: number, close: number, volume: number, i = this.n): number {
    if (!(ts >= this.lastTs)) {
      throw new ValidationError("VWAP input", [
        { path: `ts[${i}]`, message: `timestamps must be non-decreasing, got ${ts} after ${this.lastTs}` },
      ]);
    }
    this.lastTs = ts;
    this.n++;
    if (!(ts >= this.sessionStart && ts < this.sessionEnd)) {
      const start = this.sessionOf(ts);
      this.sessionStart = start;
      // The next session starts somewhere in (start, start + 1.5·duration]: DST days are 23–25 h long.
      const d = this.anchor === "1w" ? 7 * 86_400_000 : this.anchor === "1d" ? 86_400_000 : 0;
      this.sessionEnd = d > 0 ? this.sessionOf(start + 1.5 * d) : Number.NEGATIVE_INFINITY;
      this.pv = this.pvc = this.v = this.vc = 0;
    }
    const p = this.typical ? (high + low + close) / 3 : close;
    const x = p * volume;
    let t = this.pv + x;
    if (Math.abs(this.pv) >= Math.abs(x)) this.pvc += this.pv - t + x;
    else this.pvc += x - t + this.pv;
    this.pv = t;
    t = this.v + volume;
    if (Math.abs(this.v) >= Math.abs(volume)) this.vc += this.v - t + volume;
    else this.vc += volume - t + this.v;
    this.v = t;
    this.out = (this.pv + this.pvc) / (this.v + this.vc);
    return this.out;
  }
  update(bar: VwapBarInput): number {
    return this.step(bar.ts, bar.high, bar.low, bar.close, bar.volume ?? Number.NaN);
  }
  peek(bar: VwapBarInput): number {
    return shadowOf(this).update(bar);
  }
  get value(): number {
    return this.out;
  }
  get isReady(): boolean {
    return this.n > 0;
  }
  reset(): void {
    this.n = 0;
    this.lastTs = Number.NEGATIVE_INFINITY;
    this.sessionStart = Number.NaN;
    this.sessionEnd = Number.NaN;
    this.pv = this.pvc = this.v = this.vc = 0;
    this.out = Number.NaN;
  }
}

/**
 * Session-anchored VWAP over bar columns with open times (see {@link Vwap}).
 *
 * @param bars - `{ ts, high, low, close, volume }` columns (a `Bars` object works).
 * @param options - see {@link vwapOptions}.
 * @example
 * vwap(bars, { timezone: "America/New_York" }); // resets at each New York midnight
 * @see https://en.wikipedia.org/wiki/Volume-weighted_average_price
 */
export function vwap(bars: VwapColumns, options?: z.input<typeof vwapOptions>): Float64Array {
  const core = new Vwap(options);
  const { ts, high, low, close, volume } = bars;
  const n = close.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = core.step(ts[i]!, high[i]!, low[i]!, close[i]!, volume[i]!, i);
  return out;
}
