// Benchmark: resample 5,000,000 one-minute rows (10 symbols × 500,000, seeded) to 1-hour bars.
// Target ≤ 300 ms. Peer: DuckDB GROUP BY of the same rows (in-memory table, default threads), same run.
import { printTable, size, timeMs, timeMsAsync } from "@quantkit/core/bench";
import { openOracle } from "./duckdb-oracle.testutil.js";
import { resample } from "./resample.js";
import { syntheticMinuteBars } from "./synthetic.testutil.js";

const symbols = 10;
const perSymbol = size(500_000, 2_000);
const series = Array.from({ length: symbols }, (_, s) =>
  syntheticMinuteBars(1000 + s, perSymbol, { symbol: `S${s}`, gapProb: 0.02 }),
);

let outRows = 0;
const ours = timeMs(() => {
  outRows = 0;
  for (const bars of series) outRows += resample(bars, "1h", { includeIncomplete: true }).length;
});

let dailyRows = 0;
const oursNy = timeMs(() => {
  dailyRows = 0;
  for (const bars of series)
    dailyRows += resample(bars, "1d", { includeIncomplete: true, timezone: "America/New_York" }).length;
});

const db = await openOracle();
const all = (k: "ts" | "open" | "high" | "low" | "close" | "volume") => {
  const out = new Float64Array(symbols * perSymbol);
  series.forEach((b, s) => {
    out.set(b[k], s * perSymbol);
  });
  return out;
};
const sym = new Float64Array(symbols * perSymbol);
for (let s = 0; s < symbols; s++) sym.fill(s, s * perSymbol, (s + 1) * perSymbol);
await db.load("bars", {
  sym,
  ts: all("ts"),
  open: all("open"),
  high: all("high"),
  low: all("low"),
  close: all("close"),
  volume: all("volume"),
});
let duckRows = 0;
const duck = await timeMsAsync(async () => {
  const r = await db.query(`
    SELECT sym, floor(ts / 3600000) * 3600000 AS ts, arg_min("open", ts) AS "open", max(high) AS high,
           min(low) AS low, arg_max("close", ts) AS "close", sum(volume) AS volume
    FROM bars GROUP BY 1, 2 ORDER BY 1, 2`);
  duckRows = r.ts!.length;
});
db.close();
if (duckRows !== outRows) throw new Error(`row count mismatch: quantkit ${outRows}, DuckDB ${duckRows}`);

printTable(`resample ${(symbols * perSymbol).toLocaleString("en")} 1m rows (${symbols} symbols) → 1h`, [
  { name: "quantkit resample", ms: ours, target: "≤ 300 ms", "× DuckDB": ours / duck },
  { name: "DuckDB GROUP BY (in-memory table)", ms: duck, target: "peer", "× DuckDB": 1 },
  {
    name: `quantkit resample → 1d America/New_York (${dailyRows} bars)`,
    ms: oursNy,
    target: "",
    "× DuckDB": oursNy / duck,
  },
]);
