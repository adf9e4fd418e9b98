/**
 * Speed of the momentum/volume families (RSI(14), MACD(12,26,9), plus ADX(14) and OBV for information), vectorized
 * and streaming, against a plain single-pass Float64Array loop (the ceiling) and the JS/TA libraries, measured in
 * the same run with the same table as `speed.bench.ts` (`npm run bench`; tiny with QK_BENCH_TINY=1).
 * Inputs are converted to plain arrays for the array-based libraries before timing.
 */
import { createRequire } from "node:module";
import { Rng } from "@quantkit/core";
import { size } from "@quantkit/core/bench";
import { EMA as TsEMA, MACD as TsMACD, RSI as TsRSI } from "trading-signals";
import { Adx, adx } from "./momentum/adx.js";
import { Macd, macd } from "./momentum/macd.js";
import { Rsi, rsi } from "./momentum/rsi.js";
import { compareBench } from "./testing/bench.js";
import { obv } from "./volume/obv.js";

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: untyped CommonJS oracles.
const talib: any = require("talib");
// biome-ignore lint/suspicious/noExplicitAny: untyped CommonJS oracles.
const tulind: any = require("tulind");
// biome-ignore lint/suspicious/noExplicitAny: untyped CommonJS oracles.
const ti: any = require("technicalindicators");
// biome-ignore lint/suspicious/noExplicitAny: untyped CommonJS oracles.
const { IndicatorsSync }: any = require("@ixjb94/indicators");
const ix = new IndicatorsSync();

const n = size(1_000_000, 1_000);
const rng = new Rng(2025, 0);
const close = new Float64Array(n);
const high = new Float64Array(n);
const low = new Float64Array(n);
const volume = new Float64Array(n);
let c = 100;
for (let i = 0; i < n; i++) {
  c *= Math.exp(0.01 * rng.normal());
  close[i] = c;
  high[i] = c * (1 + 0.005 * Math.abs(rng.normal()));
  low[i] = c * (1 - 0.005 * Math.abs(rng.normal()));
  volume[i] = 1000 + rng.int(100_000);
}
const closeA = Array.from(close);
const highA = Array.from(high);
const lowA = Array.from(low);
const bars = { high, low, close, volume };
const slow = n >= 100_000 ? 1 : 3;
const label = `${n.toLocaleString("en")} points`;

const tul = (name: string, inputs: number[][], opts: number[]) => {
  let r: unknown;
  tulind.indicators[name].indicator(inputs, opts, (_e: unknown, res: unknown) => {
    r = res;
  });
  return r;
};

// ---- plain single-pass loops: the ceiling (same seeding as TA-Lib, no classes, no options parsing) ----
function plainRsi(x: Float64Array, p: number): Float64Array {
  const out = new Float64Array(x.length).fill(Number.NaN);
  let g = 0;
  let l = 0;
  for (let i = 1; i < x.length; i++) {
    const d = x[i]! - x[i - 1]!;
    if (i <= p) {
      if (d < 0) l -= d;
      else g += d;
      if (i === p) {
        g /= p;
        l /= p;
        out[i] = (100 * g) / (g + l);
      }
    } else {
      g = (g * (p - 1) + Math.max(d, 0)) / p;
      l = (l * (p - 1) + Math.max(-d, 0)) / p;
      out[i] = (100 * g) / (g + l);
    }
  }
  return out;
}
function plainMacd(x: Float64Array, f: number, s: number, g: number) {
  const m = x.length;
  const macdL = new Float64Array(m).fill(Number.NaN);
  const sig = new Float64Array(m).fill(Number.NaN);
  const hist = new Float64Array(m).fill(Number.NaN);
  const kf = 2 / (f + 1);
  const ks = 2 / (s + 1);
  const kg = 2 / (g + 1);
  let ef = 0;
  let es = 0;
  let eg = 0;
  let sumG = 0;
  for (let i = 0; i < m; i++) {
    const v = x[i]!;
    if (i < s) {
      es += v;
      if (i >= s - f) ef += v;
      if (i < s - 1) continue;
      es /= s;
      ef /= f;
    } else {
      es += (v - es) * ks;
      ef += (v - ef) * kf;
    }
    const d = ef - es;
    const j = i - (s - 1);
    if (j < g) {
      sumG += d;
      if (j < g - 1) continue;
      eg = sumG / g;
    } else eg += (d - eg) * kg;
    macdL[i] = d;
    sig[i] = eg;
    hist[i] = d - eg;
  }
  return { macd: macdL, signal: sig, histogram: hist };
}

console.log(`# @quantkit/indicators momentum/volume speed (${label}, Node ${process.version})`);

compareBench(`Vectorized RSI(14), ${label}`, () => rsi(close, { period: 14 }), [
  { name: "plain Float64Array loop (ceiling)", run: () => plainRsi(close, 14), atLeast: 0.5 },
  { name: "@ixjb94/indicators", run: () => ix.rsi(closeA, 14), atLeast: 3 },
  {
    name: "talib",
    run: () =>
      talib.execute({ name: "RSI", startIdx: 0, endIdx: n - 1, inReal: closeA, optInTimePeriod: 14 }),
    atLeast: 10,
    repeats: 3,
  },
  {
    name: "technicalindicators",
    run: () => ti.RSI.calculate({ period: 14, values: closeA }),
    atLeast: 20,
    repeats: slow,
  },
  { name: "tulind", run: () => tul("rsi", [closeA], [14]), repeats: 3 },
  {
    name: "trading-signals (RSI.add loop)",
    run: () => {
      const s = new TsRSI(14);
      for (let i = 0; i < n; i++) s.add(close[i]!);
    },
    repeats: slow,
  },
]);

compareBench(`Vectorized MACD(12,26,9), ${label}`, () => macd(close), [
  { name: "plain Float64Array loop (ceiling)", run: () => plainMacd(close, 12, 26, 9), atLeast: 0.5 },
  { name: "@ixjb94/indicators", run: () => ix.macd(closeA, 12, 26, 9), atLeast: 3 },
  {
    name: "talib",
    run: () =>
      talib.execute({
        name: "MACD",
        startIdx: 0,
        endIdx: n - 1,
        inReal: closeA,
        optInFastPeriod: 12,
        optInSlowPeriod: 26,
        optInSignalPeriod: 9,
      }),
    atLeast: 10,
    repeats: 3,
  },
  {
    name: "technicalindicators",
    run: () =>
      ti.MACD.calculate({
        values: closeA,
        fastPeriod: 12,
        slowPeriod: 26,
        signalPeriod: 9,
        SimpleMAOscillator: false,
        SimpleMASignal: false,
      }),
    atLeast: 20,
    repeats: slow,
  },
  { name: "tulind", run: () => tul("macd", [closeA], [12, 26, 9]), repeats: 3 },
  {
    name: "trading-signals (MACD.add loop)",
    run: () => {
      const s = new TsMACD(new TsEMA(12), new TsEMA(26), new TsEMA(9));
      for (let i = 0; i < n; i++) s.add(close[i]!);
    },
    repeats: slow,
  },
]);

compareBench(`Vectorized ADX(14) (information), ${label}`, () => adx(bars, { period: 14 }), [
  { name: "@ixjb94/indicators", run: () => ix.adx(highA, lowA, 14) },
  {
    name: "talib",
    run: () =>
      talib.execute({
        name: "ADX",
        startIdx: 0,
        endIdx: n - 1,
        high: highA,
        low: lowA,
        close: closeA,
        optInTimePeriod: 14,
      }),
    repeats: 3,
  },
  { name: "tulind", run: () => tul("adx", [highA, lowA, closeA], [14]), repeats: 3 },
]);

compareBench(`Vectorized OBV (information), ${label}`, () => obv(bars), [
  {
    name: "talib",
    run: () =>
      talib.execute({ name: "OBV", startIdx: 0, endIdx: n - 1, inReal: closeA, volume: Array.from(volume) }),
    repeats: 3,
  },
]);

// ---- streaming: one update() per value ----
const perItem = { perItem: n };
compareBench(
  `Streaming Rsi(14).update, ${label}`,
  () => {
    const s = new Rsi({ period: 14 });
    for (let i = 0; i < n; i++) s.update(close[i]!);
    return s.value;
  },
  [
    {
      // Calibration: one add per value, no indicator. On an idle core this is ~1 ns/value; on a loaded machine
      // every row scales with it, so read ns/update relative to this row.
      name: "empty loop (sum of the inputs, calibration)",
      run: () => {
        let acc = 0;
        for (let i = 0; i < n; i++) acc += close[i]!;
        return acc;
      },
    },
    {
      name: "trading-signals RSI.add",
      run: () => {
        const s = new TsRSI(14);
        for (let i = 0; i < n; i++) s.add(close[i]!);
      },
      atLeast: 5,
      repeats: slow,
    },
  ],
  perItem,
);
compareBench(
  `Streaming Macd(12,26,9).update, ${label}`,
  () => {
    const s = new Macd();
    for (let i = 0; i < n; i++) s.update(close[i]!);
    return s.signal;
  },
  [
    {
      name: "trading-signals MACD.add",
      run: () => {
        const s = new TsMACD(new TsEMA(12), new TsEMA(26), new TsEMA(9));
        for (let i = 0; i < n; i++) s.add(close[i]!);
      },
      atLeast: 5,
      repeats: slow,
    },
  ],
  perItem,
);
const bar = { high: 0, low: 0, close: 0 };
compareBench(
  `Streaming Adx(14).update (information), ${label}`,
  () => {
    const s = new Adx({ period: 14 });
    for (let i = 0; i < n; i++) {
      bar.high = high[i]!;
      bar.low = low[i]!;
      bar.close = close[i]!;
      s.update(bar);
    }
    return s.value;
  },
  [],
  perItem,
);
