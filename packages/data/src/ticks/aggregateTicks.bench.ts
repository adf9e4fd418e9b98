// Benchmark: aggregate 1,000,000 trades (seeded, µs timestamps, ~20 trades/s) to 1-minute bars.
// Target ≤ 100 ms. Peers measured in the same run: the streaming BarAggregator (same fold, one call per tick) and
// a DuckDB GROUP BY of the same ticks (in-memory table, default threads).
import { printTable, size, timeMs, timeMsAsync } from "@quantkit/core/bench";
import { openOracle } from "../resample/duckdb-oracle.testutil.js";
import { syntheticTrades } from "../resample/synthetic.testutil.js";
import { aggregateTicks, BarAggregator } from "./aggregateTicks.js";

const n = size(1_000_000, 5_000);
const trades = syntheticTrades(2020, n, { meanGapMs: 50 });

let bars = 0;
const batch = timeMs(() => {
  bars = aggregateTicks(trades, "1m", { includeIncomplete: true }).length;
});

let streamed = 0;
const streaming = timeMs(() => {
  const agg = new BarAggregator({ timeframe: "1m" });
  const tick = { ts: 0, price: 0, size: 0 };
  streamed = 0;
  for (let i = 0; i < n; i++) {
    tick.ts = trades.ts[i]!;
    tick.price = trades.price[i]!;
    tick.size = trades.size[i]!;
    streamed += agg.update(tick).length;
  }
  streamed += agg.flush().length;
});

const db = await openOracle();
const seq = Float64Array.from({ length: n }, (_, i) => i);
await db.load("ticks", { seq, ts: trades.ts, price: trades.price, size: trades.size });
let duckBars = 0;
const duck = await timeMsAsync(async () => {
  const r = await db.query(`
    SELECT floor(ts / 60000) * 60000 AS ts, arg_min(price, seq) AS "open", max(price) AS high, min(price) AS low,
           arg_max(price, seq) AS "close", sum(size) AS volume
    FROM ticks GROUP BY 1 ORDER BY 1`);
  duckBars = r.ts!.length;
});
db.close();
if (duckBars !== bars || streamed !== bars)
  throw new Error(`bar count mismatch: ${bars} / ${streamed} / ${duckBars}`);

printTable(`aggregate ${n.toLocaleString("en")} trades → 1m bars (${bars.toLocaleString("en")} bars)`, [
  { name: "quantkit aggregateTicks (batch)", ms: batch, target: "≤ 100 ms", "× DuckDB": batch / duck },
  {
    name: "quantkit BarAggregator.update (streaming)",
    ms: streaming,
    target: "",
    "× DuckDB": streaming / duck,
  },
  { name: "DuckDB GROUP BY (in-memory table)", ms: duck, target: "peer", "× DuckDB": 1 },
]);
