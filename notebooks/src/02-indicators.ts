// %% [markdown]
// # Indicators: streaming and vectorized, matching TA-Lib
// Every indicator has two faces from one core: a vectorized function over `Float64Array` columns and an O(1)
// streaming class. This notebook computes a few on ORCL, shows the two faces agree bit for bit, compares with the
// TA-Lib binding, and peeks at a bar that is still forming.
// %%
import { openStore } from "@quantkit/data";
import { sma, ema, rsi, Rsi, macd, bbands, atr, Ema, Chain, skipWarmup } from "@quantkit/indicators";
import { candlestickFigure, show } from "@quantkit/viz";
import { sliceBars } from "@quantkit/core";

const store = await openStore();
const bars = await store.getBars({ symbol: "ORCL", timeframe: "1d", start: "2010-01-01" });
await store.close();
console.log(bars.length, "daily bars");
// %% [markdown]
// ## Vectorized
// Outputs are as long as the input, `NaN` during the warm-up; the first valid index is TA-Lib's lookback.
// %%
const r = rsi(bars.close, { period: 14 });
const { upper, middle, lower } = bbands(bars.close, { period: 20, stdDev: 2 });
const a = atr(bars, { period: 14 });
console.log("first valid RSI index:", r.findIndex((x) => !Number.isNaN(x)), "— last RSI", r[r.length - 1]!.toFixed(4));
console.log("last ATR", a[a.length - 1]!.toFixed(4), "Bollinger", lower[lower.length - 1]!.toFixed(2), middle[middle.length - 1]!.toFixed(2), upper[upper.length - 1]!.toFixed(2));
// %% [markdown]
// ## Streaming equals vectorized
// %%
const live = new Rsi({ period: 14 });
let same = 0;
for (let i = 0; i < bars.length; i++) if (Object.is(live.update(bars.close[i]!), r[i])) same++;
console.log(`${same} of ${bars.length} streaming values identical to the vectorized ones`);
// `peek` answers "what if the forming bar closed at x?" without changing state:
const before = live.value;
console.log("peek at +2%:", live.peek(bars.close[bars.length - 1]! * 1.02).toFixed(4), "state unchanged:", live.value === before);
// %% [markdown]
// ## Against TA-Lib
// The `talib` binding (TA-Lib C compiled by node-gyp) is a dev dependency used as the oracle in the tests.
// %%
import { createRequire } from "node:module";
type TalibResult = { begIndex: number; result: { outReal: number[] } };
const talib = createRequire(process.cwd() + "/")("talib") as { execute(args: Record<string, unknown>): TalibResult };
const ref = talib.execute({ name: "RSI", startIdx: 0, endIdx: bars.length - 1, inReal: Array.from(bars.close), optInTimePeriod: 14 });
let maxDiff = 0;
ref.result.outReal.forEach((v: number, k: number) => { maxDiff = Math.max(maxDiff, Math.abs(v - r[ref.begIndex + k]!)); });
console.log("TA-Lib begIndex", ref.begIndex, "max |quantkit − TA-Lib| =", maxDiff);
// %% [markdown]
// ## Composition
// An indicator of an indicator: `skipWarmup` starts the outer indicator after the inner warm-up, and `Chain` is
// its streaming twin.
// %%
const smoothed = skipWarmup(r, (y) => ema(y, { period: 9 }));
const chain = new Chain(new Rsi({ period: 14 }), new Ema({ period: 9 }));
let chainSame = 0;
for (let i = 0; i < bars.length; i++) if (Object.is(chain.update(bars.close[i]!), smoothed[i])) chainSame++;
console.log(`EMA(9) of RSI(14): ${chainSame} of ${bars.length} streaming values identical`);
// %%
const from = bars.length - 180;
const m = macd(bars.close, { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 });
show(candlestickFigure(sliceBars(bars, from), {
  title: "ORCL with SMA(20/50), RSI(14) and MACD",
  priceTitle: "Price (USD)",
  overlays: [{ name: "SMA 20", values: sma(bars.close, { period: 20 }).subarray(from) }, { name: "SMA 50", values: sma(bars.close, { period: 50 }).subarray(from) }],
  panels: [
    { title: "RSI", series: [{ name: "RSI 14", values: r.subarray(from) }], levels: [30, 70] },
    { title: "MACD", series: [{ name: "MACD", values: m.macd.subarray(from) }, { name: "Signal", values: m.signal.subarray(from) }], levels: [0] },
  ],
}));
