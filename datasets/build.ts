/**
 * Builds the bundled store `datasets/store/` from the raw copies in `datasets/raw/` (gzipped copies of files from
 * the project's shared real-data folder; see SOURCES.md). Deterministic: the store folder is rebuilt from scratch
 * and provenance is stamped with a fixed time. Run from the repository root:
 *
 *   npx tsx --conditions=@quantkit/source datasets/build.ts
 *
 * `--refresh-raw <dir>` first re-copies (and gzips) the raw files from `<dir>` (e.g. /work/shared/datasets).
 */
import { createReadStream, createWriteStream, mkdirSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { type ImportReport, openStore } from "@quantkit/data";
import { SimulatedClock } from "@quantkit/core";

const here = join(process.cwd(), "datasets");
const raw = join(here, "raw");
const out = join(here, "store");

interface Item {
  readonly file: string; // under datasets/raw (gzipped)
  readonly from: string; // under the shared datasets folder
  readonly kind: "bars" | "trades" | "quotes";
  readonly options: Record<string, unknown>;
  readonly note: string;
}

const NY = "America/New_York";
const ITEMS: Item[] = [
  {
    file: "orcl-1995-2014.txt.gz",
    from: "ohlcv/orcl-1995-2014.txt",
    kind: "bars",
    options: { symbol: "ORCL", timeframe: "1d", format: "yahoo", timezone: NY },
    note: "Yahoo daily via mementum/backtrader datas/ (GPL-3.0); OHLC split-adjusted, not dividend-adjusted; Adj Close not imported",
  },
  {
    file: "nvda-1999-2014.txt.gz",
    from: "ohlcv/nvda-1999-2014.txt",
    kind: "bars",
    options: { symbol: "NVDA", timeframe: "1d", format: "yahoo", timezone: NY },
    note: "Yahoo daily via mementum/backtrader datas/ (GPL-3.0); OHLC split-adjusted, not dividend-adjusted; Adj Close not imported",
  },
  {
    file: "GOOG.csv.gz",
    from: "ohlcv/GOOG.csv",
    kind: "bars",
    options: { symbol: "GOOG", timeframe: "1d", timezone: NY, columns: { ts: 0 } },
    note: "kernc/backtesting.py test data (AGPL-3.0); unadjusted; the date column's header is empty (columns: { ts: 0 })",
  },
  {
    file: "ford_F_2012_daily.csv.gz",
    from: "ohlcv/ford_F_2012_daily.csv",
    kind: "bars",
    options: { symbol: "F", timeframe: "1d", timezone: NY },
    note: "TA-Lib/ta-lib-python tests (BSD-2-Clause); unadjusted",
  },
  {
    file: "2006-01-02-volume-min-001.txt.gz",
    from: "ohlcv/2006-01-02-volume-min-001.txt",
    kind: "bars",
    options: { symbol: "IDXFUT", timeframe: "1m", format: "backtrader-intraday", timezone: "Europe/Berlin" },
    note: "mementum/backtrader datas/ (GPL-3.0); index future (level ~3600, likely Euro Stoxx 50 on Eurex); zone undocumented, read as Europe/Berlin; 7-name header over 8-field rows; times label bar closes",
  },
  {
    file: "ftx_btc-perp_20211231-20220201_1m.csv.gz",
    from: "ohlcv/ftx_btc-perp_20211231-20220201_1m.csv",
    kind: "bars",
    options: { symbol: "BTC-PERP", timeframe: "1m", label: "close" },
    note: "nautechsystems/nautilus_trader tests/test_data (LGPL-3.0); FTX, UTC; times label bar closes (nautilus ts_event); volume ≈ USD notional; has gaps",
  },
  {
    file: "6EH4.XCME_1min_bars_20240101_20240131.csv.gz",
    from: "ohlcv/6EH4.XCME_1min_bars_20240101_20240131.csv.gz",
    kind: "bars",
    options: { symbol: "6EH4", timeframe: "1m", label: "close" },
    note: "nautilus_trader tests/test_data/xcme (LGPL-3.0); CME Euro FX Mar 2024; UTC; times label bar closes (first bar 23:01 = Globex open 17:00 CT + 1 min)",
  },
  {
    file: "EURUSD.csv.gz",
    from: "ohlcv/EURUSD.csv",
    kind: "bars",
    options: { symbol: "EURUSD", timeframe: "1h", columns: { ts: 0 } },
    note: "kernc/backtesting.py test data (AGPL-3.0); broker time of undocumented zone, stored as if UTC; tick volume; empty date header",
  },
  {
    file: "tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv.gz",
    from: "ticks/tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv",
    kind: "trades",
    options: { symbol: "BTCUSDT", format: "tardis" },
    note: "Tardis.dev sample via nautilus_trader test data (LGPL-3.0); Binance USDT-M; µs epochs; side = aggressor",
  },
  {
    file: "usdjpy-ticks.csv.gz",
    from: "ticks/usdjpy-ticks.csv",
    kind: "quotes",
    options: { symbol: "USDJPY" },
    note: "TrueFX via nautilus_trader test data (LGPL-3.0); ISO times with +00:00; no sizes (NaN)",
  },
  {
    file: "quote_tick_data_EURUSD_histdata.csv.gz",
    from: "ticks/quote_tick_data_EURUSD_histdata.csv",
    kind: "quotes",
    options: { symbol: "EURUSD", format: "histdata", timezone: "Etc/GMT+5" },
    note: "HistData.com via nautilus_trader test data (LGPL-3.0); EST without DST (Etc/GMT+5); no sizes (NaN)",
  },
];

async function refreshRaw(dir: string): Promise<void> {
  mkdirSync(raw, { recursive: true });
  for (const it of ITEMS) {
    const src = join(dir, it.from);
    const dst = join(raw, it.file);
    if (it.from.endsWith(".gz")) await pipeline(createReadStream(src), createWriteStream(dst));
    else await pipeline(createReadStream(src), createGzip({ level: 9 }), createWriteStream(dst));
    console.log(`raw: ${basename(src)} → datasets/raw/${it.file}`);
  }
}

const i = process.argv.indexOf("--refresh-raw");
if (i >= 0) await refreshRaw(process.argv[i + 1] ?? "/work/shared/datasets");

rmSync(out, { recursive: true, force: true });
const store = await openStore({ root: out, bundled: false, clock: new SimulatedClock(Date.UTC(2026, 0, 1)) });
const process_ = process;
process_.chdir(here); // provenance paths relative to datasets/
try {
  for (const it of ITEMS) {
    const path = join("raw", it.file);
    let r: ImportReport;
    if (it.kind === "bars") r = await store.importCsv(path, it.options as never);
    else if (it.kind === "trades") r = await store.importTrades(path, it.options as never);
    else r = await store.importQuotes(path, it.options as never);
    store.annotate(it.kind, r.symbol, r.timeframe, it.note);
    console.log(
      `${it.kind} ${r.symbol} ${r.timeframe ?? ""}: read ${r.rowsRead}, stored ${r.accepted}, rejected ${r.rejectedCount}` +
        (r.reordered ? `, reordered ${r.reordered.count}` : ""),
    );
    for (const x of r.rejected.slice(0, 5)) console.log(`  line ${x.line}: ${x.reason}`);
  }
} finally {
  await store.close();
}
