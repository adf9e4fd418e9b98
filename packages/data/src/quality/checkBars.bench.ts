// Benchmark: checkBars on 5,000,000 one-minute rows (seeded, 2% missing minutes, continuous calendar).
// Peer measured in the same run: DuckDB computing the same checks in SQL (lag() for duplicates/order/gaps, OHLC
// predicates, median and MAD of log returns) over an in-memory table.
import { printTable, size, timeMs, timeMsAsync } from "@quantkit/core/bench";
import { openOracle } from "../resample/duckdb-oracle.testutil.js";
import { syntheticMinuteBars } from "../resample/synthetic.testutil.js";
import { checkBars } from "./checkBars.js";

const n = size(5_000_000, 5_000);
const bars = syntheticMinuteBars(99, n, { gapProb: 0.02 });

let gaps = 0;
const ours = timeMs(
  () => {
    gaps = checkBars(bars).gaps.length;
  },
  { repeats: 3 },
);

const db = await openOracle();
const seq = Float64Array.from({ length: n }, (_, i) => i);
await db.load("bars", {
  seq,
  ts: bars.ts,
  open: bars.open,
  high: bars.high,
  low: bars.low,
  close: bars.close,
  volume: bars.volume,
});
let duckGaps = 0;
const duck = await timeMsAsync(
  async () => {
    const r = await db.query(`
    WITH x AS (
      SELECT *, lag(ts) OVER (ORDER BY seq) AS pts, ln("close" / lag("close") OVER (ORDER BY seq)) AS r FROM bars
    ), m AS (SELECT median(r) AS med FROM x)
    SELECT count(*) FILTER (WHERE ts = pts)::DOUBLE AS dup, count(*) FILTER (WHERE ts < pts)::DOUBLE AS unsorted,
           count(*) FILTER (WHERE ts - pts > 60000)::DOUBLE AS gaps,
           count(*) FILTER (WHERE high < greatest("open", "close") OR low > least("open", "close") OR high < low)::DOUBLE AS ohlc,
           count(*) FILTER (WHERE isnan("close") OR "close" <= 0 OR volume < 0)::DOUBLE AS bad,
           max(abs(r - (SELECT med FROM m))) / (SELECT median(abs(r - (SELECT med FROM m))) FROM x) AS zmax
    FROM x`);
    duckGaps = r.gaps![0]!;
  },
  { repeats: 3 },
);
db.close();
if (duckGaps !== gaps) throw new Error(`gap count mismatch: quantkit ${gaps}, DuckDB ${duckGaps}`);

printTable(`checkBars on ${n.toLocaleString("en")} 1m rows (${gaps.toLocaleString("en")} gaps)`, [
  { name: "quantkit checkBars", ms: ours, "× DuckDB": ours / duck },
  { name: "DuckDB SQL (lag, predicates, median/MAD)", ms: duck, "× DuckDB": 1 },
]);
