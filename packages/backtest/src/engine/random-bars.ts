import { type Bars, emptyBars, Rng, type Timeframe, timeframeMs } from "@quantkit/core";

/**
 * Seeded random-walk OHLCV bars (log-normal-ish steps with small gaps between a close and the next open), for
 * tests and benchmarks. Not market data.
 *
 * @param n - number of bars.
 * @param seed - Rng seed (stream 0).
 * @example
 * randomBars(1000, 7).close.length // → 1000
 */
export function randomBars(
  n: number,
  seed: number,
  symbol = "X",
  timeframe: Timeframe = "1m",
  start = 1_700_000_000_000,
): Bars {
  const b = emptyBars(symbol, timeframe, n);
  const r = new Rng(seed, 0);
  const step = timeframeMs(timeframe);
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p;
    const c = Math.max(1, o * (1 + r.normal() * 0.01));
    const h = Math.max(o, c) * (1 + Math.abs(r.normal()) * 0.004);
    const l = Math.min(o, c) * (1 - Math.abs(r.normal()) * 0.004);
    b.ts[i] = start + i * step;
    b.open[i] = o;
    b.high[i] = h;
    b.low[i] = l;
    b.close[i] = c;
    b.volume[i] = 50 + r.int(200);
    p = c * (1 + r.normal() * 0.002);
  }
  return b;
}
