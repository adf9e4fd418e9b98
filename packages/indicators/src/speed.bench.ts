/**
 * Speed of the vectorized and streaming faces against a plain single-pass Float64Array loop (the ceiling) and the
 * JS/TA libraries, measured in the same run (`npm run bench -- indicators`; README "Performance").
 * Inputs are converted to plain arrays for the array-based libraries before timing.
 */
import { createRequire } from "node:module";
import { Rng } from "@quantkit/core";
import { size } from "@quantkit/core/bench";
import { ATR as TsATR, BollingerBands as TsBB, EMA as TsEMA, SMA as TsSMA } from "trading-signals";
import { compareBench } from "./testing/bench.js";
import { Bbands, bbands } from "./trend/bbands.js";
import { Ema, ema } from "./trend/ema.js";
import { Sma, sma } from "./trend/sma.js";
import { Atr, atr } from "./volatility/atr.js";

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
const rng = new Rng(2024, 0);
const close = new Float64Array(n);
const high = new Float64Array(n);
const low = new Float64Array(n);
let c = 100;
for (let i = 0; i < n; i++) {
  c *= Math.exp(0.01 * rng.normal());
  close[i] = c;
  high[i] = c * (1 + 0.005 * Math.abs(rng.normal()));
  low[i] = c * (1 - 0.005 * Math.abs(rng.normal()));
}
const closeA = Array.from(close);
const highA = Array.from(high);
const lowA = Array.from(low);
const bars = { high, low, close };
const P = 20;
const A = 14;
const slow = n >= 100_000 ? 1 : 3;

const tul = (name: string, inputs: number[][], opts: number[]) => {
  let r: unknown;
  tulind.indicators[name].indicator(inputs, opts, (_e: unknown, res: unknown) => {
    r = res;
  });
  return r;
};

// ---- plain single-pass loops: the ceiling ----
function plainSma(x: Float64Array, p: number): Float64Array {
  const out = new Float64Array(x.length).fill(Number.NaN);
  let s = 0;
  for (let i = 0; i < p - 1; i++) s += x[i]!;
  for (let i = p - 1; i < x.length; i++) {
    s += x[i]!;
    out[i] = s / p;
    s -= x[i - p + 1]!;
  }
  return out;
}
function plainEma(x: Float64Array, p: number): Float64Array {
  const out = new Float64Array(x.length).fill(Number.NaN);
  const k = 2 / (p + 1);
  let s = 0;
  for (let i = 0; i < p; i++) s += x[i]!;
  let e = s / p;
  out[p - 1] = e;
  for (let i = p; i < x.length; i++) {
    e += k * (x[i]! - e);
    out[i] = e;
  }
  return out;
}
function plainBbands(x: Float64Array, p: number, k: number) {
  const m = x.length;
  const upper = new Float64Array(m).fill(Number.NaN);
  const middle = new Float64Array(m).fill(Number.NaN);
  const lower = new Float64Array(m).fill(Number.NaN);
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < m; i++) {
    const v = x[i]!;
    s += v;
    s2 += v * v;
    if (i >= p) {
      const y = x[i - p]!;
      s -= y;
      s2 -= y * y;
    }
    if (i >= p - 1) {
      const mean = s / p;
      const sd = Math.sqrt(Math.max(s2 / p - mean * mean, 0));
      middle[i] = mean;
      upper[i] = mean + k * sd;
      lower[i] = mean - k * sd;
    }
  }
  return { upper, middle, lower };
}
function plainAtr(h: Float64Array, l: Float64Array, cl: Float64Array, p: number): Float64Array {
  const out = new Float64Array(cl.length).fill(Number.NaN);
  let s = 0;
  for (let i = 1; i <= p; i++)
    s += Math.max(h[i]! - l[i]!, Math.abs(h[i]! - cl[i - 1]!), Math.abs(l[i]! - cl[i - 1]!));
  let a = s / p;
  out[p] = a;
  for (let i = p + 1; i < cl.length; i++) {
    const pc = cl[i - 1]!;
    const hi = h[i]!;
    const lo = l[i]!;
    a = (a * (p - 1) + Math.max(hi - lo, Math.abs(hi - pc), Math.abs(lo - pc))) / p;
    out[i] = a;
  }
  return out;
}

const label = `${n.toLocaleString("en")} points`;
console.log(`# @quantkit/indicators speed (${label}, Node ${process.version})`);

compareBench(`Vectorized SMA(${P}), ${label}`, () => sma(close, { period: P }), [
  { name: "plain Float64Array loop (ceiling)", run: () => plainSma(close, P), atLeast: 0.5 },
  { name: "@ixjb94/indicators", run: () => ix.sma(closeA, P), atLeast: 3 },
  {
    name: "talib",
    run: () => talib.execute({ name: "SMA", startIdx: 0, endIdx: n - 1, inReal: closeA, optInTimePeriod: P }),
    atLeast: 10,
    repeats: 3,
  },
  {
    name: "technicalindicators",
    run: () => ti.SMA.calculate({ period: P, values: closeA }),
    atLeast: 20,
    repeats: slow,
  },
  { name: "tulind", run: () => tul("sma", [closeA], [P]), repeats: 3 },
  {
    name: "trading-signals (SMA.add loop)",
    run: () => {
      const s = new TsSMA(P);
      for (let i = 0; i < n; i++) s.add(close[i]!);
    },
    repeats: slow,
  },
]);

compareBench(`Vectorized EMA(${P}), ${label}`, () => ema(close, { period: P }), [
  { name: "plain Float64Array loop (ceiling)", run: () => plainEma(close, P), atLeast: 0.5 },
  { name: "@ixjb94/indicators", run: () => ix.ema(closeA, P), atLeast: 3 },
  {
    name: "talib",
    run: () => talib.execute({ name: "EMA", startIdx: 0, endIdx: n - 1, inReal: closeA, optInTimePeriod: P }),
    atLeast: 10,
    repeats: 3,
  },
  {
    name: "technicalindicators",
    run: () => ti.EMA.calculate({ period: P, values: closeA }),
    atLeast: 20,
    repeats: slow,
  },
  { name: "tulind", run: () => tul("ema", [closeA], [P]), repeats: 3 },
  {
    name: "trading-signals (EMA.add loop)",
    run: () => {
      const s = new TsEMA(P);
      for (let i = 0; i < n; i++) s.add(close[i]!);
    },
    repeats: slow,
  },
]);

compareBench(`Vectorized Bollinger(${P}, 2), ${label}`, () => bbands(close, { period: P, stdDev: 2 }), [
  {
    name: "plain Float64Array loop (ceiling, Σx² variance)",
    run: () => plainBbands(close, P, 2),
    atLeast: 0.5,
  },
  { name: "@ixjb94/indicators", run: () => ix.bbands(closeA, P, 2), atLeast: 3 },
  {
    name: "talib",
    run: () =>
      talib.execute({
        name: "BBANDS",
        startIdx: 0,
        endIdx: n - 1,
        inReal: closeA,
        optInTimePeriod: P,
        optInNbDevUp: 2,
        optInNbDevDn: 2,
        optInMAType: 0,
      }),
    atLeast: 10,
    repeats: 3,
  },
  {
    name: "technicalindicators",
    run: () => ti.BollingerBands.calculate({ period: P, stdDev: 2, values: closeA }),
    atLeast: 20,
    repeats: slow,
  },
  { name: "tulind", run: () => tul("bbands", [closeA], [P, 2]), repeats: 3 },
  {
    name: "trading-signals (BollingerBands.add loop)",
    run: () => {
      const s = new TsBB(P, 2);
      for (let i = 0; i < n; i++) s.add(close[i]!);
    },
    repeats: slow,
  },
]);

compareBench(`Vectorized ATR(${A}), ${label}`, () => atr(bars, { period: A }), [
  { name: "plain Float64Array loop (ceiling)", run: () => plainAtr(high, low, close, A), atLeast: 0.5 },
  { name: "@ixjb94/indicators", run: () => ix.atr(highA, lowA, closeA, A), atLeast: 3 },
  {
    name: "talib",
    run: () =>
      talib.execute({
        name: "ATR",
        startIdx: 0,
        endIdx: n - 1,
        high: highA,
        low: lowA,
        close: closeA,
        optInTimePeriod: A,
      }),
    atLeast: 10,
    repeats: 3,
  },
  {
    name: "technicalindicators",
    run: () => ti.ATR.calculate({ period: A, high: highA, low: lowA, close: closeA }),
    atLeast: 20,
    repeats: slow,
  },
  { name: "tulind", run: () => tul("atr", [highA, lowA, closeA], [A]), repeats: 3 },
  {
    name: "trading-signals (ATR.add loop)",
    run: () => {
      const s = new TsATR(A);
      const b = { high: 0, low: 0, close: 0 };
      for (let i = 0; i < n; i++) {
        b.high = high[i]!;
        b.low = low[i]!;
        b.close = close[i]!;
        s.add(b);
      }
    },
    repeats: slow,
  },
]);

// ---- streaming: one update() per value ----
const perItem = { perItem: n };
compareBench(
  `Streaming Sma(${P}).update, ${label}`,
  () => {
    const s = new Sma({ period: P });
    for (let i = 0; i < n; i++) s.update(close[i]!);
    return s.value;
  },
  [
    {
      name: "trading-signals SMA.add",
      run: () => {
        const s = new TsSMA(P);
        for (let i = 0; i < n; i++) s.add(close[i]!);
      },
      atLeast: 5,
      repeats: slow,
    },
  ],
  perItem,
);
compareBench(
  `Streaming Ema(${P}).update, ${label}`,
  () => {
    const s = new Ema({ period: P });
    for (let i = 0; i < n; i++) s.update(close[i]!);
    return s.value;
  },
  [
    {
      name: "trading-signals EMA.add",
      run: () => {
        const s = new TsEMA(P);
        for (let i = 0; i < n; i++) s.add(close[i]!);
      },
      atLeast: 1,
      repeats: slow,
    },
  ],
  perItem,
);
compareBench(
  `Streaming Bbands(${P}, 2).update, ${label}`,
  () => {
    const s = new Bbands({ period: P, stdDev: 2 });
    for (let i = 0; i < n; i++) s.update(close[i]!);
    return s.upper;
  },
  [
    {
      name: "trading-signals BollingerBands.add",
      run: () => {
        const s = new TsBB(P, 2);
        for (let i = 0; i < n; i++) s.add(close[i]!);
      },
      atLeast: 5,
      repeats: slow,
    },
  ],
  perItem,
);
// One bar object literal per update for both libraries (what an event loop delivers).
compareBench(
  `Streaming Atr(${A}).update, ${label}`,
  () => {
    const s = new Atr({ period: A });
    for (let i = 0; i < n; i++) s.update({ high: high[i]!, low: low[i]!, close: close[i]! });
    return s.value;
  },
  [
    {
      name: "trading-signals ATR.add",
      run: () => {
        const s = new TsATR(A);
        for (let i = 0; i < n; i++) s.add({ high: high[i]!, low: low[i]!, close: close[i]! });
      },
      atLeast: 5,
      repeats: slow,
    },
  ],
  perItem,
);
