// Seeded synthetic data for tests and benchmarks (not part of the public API).
import { type Bars, Rng, type TradeColumns } from "@quantkit/core";

/**
 * `n` one-minute bars of a geometric random walk from `start` (UTC ms), skipping a minute with probability
 * `gapProb`. Volumes are whole numbers so sums are exact in any order.
 */
export function syntheticMinuteBars(
  seed: number,
  n: number,
  options: { start?: number; gapProb?: number; symbol?: string } = {},
): Bars {
  const rng = new Rng(seed);
  const ts = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let t = options.start ?? Date.UTC(2024, 0, 2, 14, 30);
  const gap = options.gapProb ?? 0;
  let px = 100;
  for (let i = 0; i < n; i++) {
    while (gap > 0 && rng.next() < gap) t += 60_000;
    ts[i] = t;
    t += 60_000;
    const o = px;
    const c = o * Math.exp(0.001 * rng.normal());
    const hi = Math.max(o, c) * (1 + 0.0005 * rng.next());
    const lo = Math.min(o, c) * (1 - 0.0005 * rng.next());
    open[i] = o;
    high[i] = hi;
    low[i] = lo;
    close[i] = c;
    volume[i] = 1 + rng.int(1000);
    px = c;
  }
  return { symbol: options.symbol ?? "SYN", timeframe: "1m", length: n, ts, open, high, low, close, volume };
}

/**
 * `n` trades with non-decreasing timestamps (mean spacing `meanGapMs`, µs resolution, some equal timestamps),
 * a random-walk price and sizes with three decimals.
 */
export function syntheticTrades(
  seed: number,
  n: number,
  options: { start?: number; meanGapMs?: number; symbol?: string } = {},
): TradeColumns {
  const rng = new Rng(seed);
  const ts = new Float64Array(n);
  const price = new Float64Array(n);
  const size = new Float64Array(n);
  const side = new Float64Array(n);
  let t = options.start ?? Date.UTC(2020, 1, 22);
  const g = options.meanGapMs ?? 50;
  let px = 9_700;
  for (let i = 0; i < n; i++) {
    if (rng.next() > 0.1) t += Math.round(-Math.log(1 - rng.next()) * g * 1000) / 1000;
    ts[i] = t;
    px = Math.max(0.5, Math.round((px + 0.5 * rng.normal()) * 2) / 2);
    price[i] = px;
    size[i] = (1 + rng.int(5000)) / 1000;
    side[i] = rng.next() < 0.5 ? 1 : -1;
  }
  return { symbol: options.symbol ?? "SYNUSDT", length: n, ts, price, size, side };
}
