// %% [markdown]
// # Ingestion: a WebSocket trade feed → streaming bars of 1s…1d in the Parquet store
// `runIngest` connects to an exchange's trade stream, recovers gaps (REST backfill by trade id, order-book resync),
// aggregates every trade into bars of seven timeframes as it arrives, and appends trades and closed bars to the
// Parquet store as small immutable part files (compacted in the background). Here the exchange is quantkit's fake
// Binance: a real WebSocket + REST server on loopback replaying 10,000 real BTCUSDT trades from the bundled data.
// %%
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { aggregateTicks, openStore } from "@quantkit/data";
import { runIngest } from "@quantkit/ingest";
import { candlestickFigure, show } from "@quantkit/viz";

const storeDir = mkdtempSync(join(tmpdir(), "qk-ingest-"));
// %% [markdown]
// ## Stream the replay into the store
// %%
const report = await runIngest({ venue: "fake", symbols: ["BTCUSDT"], store: storeDir });
console.log({ trades: report.trades, tradesWritten: report.tradesWritten, barsWritten: report.barsWritten });
// the feed's Prometheus metrics: messages, gaps recovered, reconnects, latency histogram
console.log(report.metrics.split("\n").filter((l) => l.startsWith("quantkit_ingest_") && !l.includes("_bucket")).join("\n"));
// %% [markdown]
// ## Read it back, and check the streaming bars against a batch aggregation
// The bars built trade by trade while streaming must equal a batch `aggregateTicks` over the stored trades — the
// same property the ingestion tests check under injected faults (disconnects, gaps, duplicates, malformed frames).
// %%
const store = await openStore({ root: storeDir, bundled: false });
const trades = await store.getTrades({ symbol: "BTCUSDT" });
const streamed = await store.getBars({ symbol: "BTCUSDT", timeframe: "1m" });
// the replay stops mid-minute: ingestion wrote that last, incomplete bar at the end, so keep it in the batch too
const batch = aggregateTicks(trades, "1m", { includeIncomplete: true });
let same = streamed.length === batch.length;
for (let i = 0; same && i < batch.length; i++) {
  same = streamed.ts[i] === batch.ts[i] && streamed.open[i] === batch.open[i] && streamed.high[i] === batch.high[i] && streamed.low[i] === batch.low[i] && streamed.close[i] === batch.close[i] && streamed.volume[i] === batch.volume[i];
}
console.log(`${trades.ts.length} trades stored; ${streamed.length} one-minute bars; streaming == batch aggregation: ${same}`);
if (!same) throw new Error("streamed bars differ from the batch aggregation of the stored trades");
const seconds = await store.getBars({ symbol: "BTCUSDT", timeframe: "1s" });
await store.close();
show(candlestickFigure(streamed, { title: "BTCUSDT 1-minute bars built while streaming", priceTitle: "Price (USDT)" }));
show(candlestickFigure(seconds, { title: `BTCUSDT 1-second bars (${seconds.length})`, priceTitle: "Price (USDT)" }));
