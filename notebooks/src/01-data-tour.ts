// %% [markdown]
// # A tour of the bundled data
// quantkit ships a small set of real market data (daily US equities, minute futures and crypto bars, crypto trades,
// FX quotes) as a Hive-partitioned Parquet store under `datasets/store`. `openStore()` reads it with no import step.
// This notebook lists it, loads a daily and a minute series, resamples, checks quality and draws a chart.
// %%
import { openStore, checkBars, resampleWithReport } from "@quantkit/data";
import { candlestickFigure, show } from "@quantkit/viz";
import { sliceBars, isoUtc } from "@quantkit/core";

const store = await openStore();
const catalog = await store.catalog();
for (const c of catalog) {
  console.log(`${c.kind.padEnd(6)} ${c.symbol.padEnd(9)} ${(c.timeframe ?? "ticks").padEnd(5)} ${String(c.rows).padStart(6)} rows  ${isoUtc(c.start).slice(0, 10)} → ${isoUtc(c.end).slice(0, 10)}`);
}
// %% [markdown]
// ## Daily bars
// Bars are columns of `Float64Array`s; `ts` is each bar's **open** time in UTC epoch ms. Daily bars of US equities
// are aligned to the New York session day, so ORCL's bars open at 05:00 UTC (04:00 in summer).
// %%
const orcl = await store.getBars({ symbol: "ORCL", timeframe: "1d", start: "2014-01-01" });
console.log(orcl.length, "bars; first open time", isoUtc(orcl.ts[0]!), "close", orcl.close[0]);
// %% [markdown]
// ## Quality checks
// `checkBars` reports duplicates, non-monotonic timestamps, calendar gaps, OHLC inconsistencies, non-positive prices,
// negative volume, return outliers (robust z-score) and stale runs, each with row numbers. Weekday gaps in a daily
// equity series are the exchange's holidays: pass them as `holidays` to silence them.
// %%
const quality = checkBars(orcl, { calendar: "weekdays", timezone: "America/New_York" });
console.log(quality.summary());
// %%
const holidays2014 = ["2014-01-01", "2014-01-20", "2014-02-17", "2014-04-18", "2014-05-26", "2014-07-04", "2014-09-01", "2014-11-27", "2014-12-25"];
console.log(checkBars(orcl, { calendar: "weekdays", timezone: "America/New_York", holidays: holidays2014 }).summary());
// %% [markdown]
// ## Minute bars and resampling
// Resampling keeps OHLCV semantics (first open, max high, min low, last close, summed volume) and leaves an
// incomplete trailing bucket out unless asked, saying so.
// %%
const btc = await store.getBars({ symbol: "BTC-PERP", timeframe: "1m" });
const { bars: btc1h, incomplete } = resampleWithReport(btc, "1h");
console.log(btc.length, "minute bars →", btc1h.length, "hourly bars; incomplete trailing bucket:", incomplete);
// %%
show(candlestickFigure(sliceBars(btc1h, btc1h.length - 24 * 5), { title: "BTC-PERP hourly (resampled from 1m)", priceTitle: "Price (USD)" }));
// %%
await store.close();
