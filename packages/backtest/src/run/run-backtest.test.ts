import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { openStore } from "@quantkit/data";
import { describe, expect, it } from "vitest";
import { readEventLog } from "../log/event-log.js";
import { replayLog } from "../log/replay.js";
import { backtestCli, CLI_OUTPUTS } from "./backtest-cli.js";
import { loadBacktestConfig, parseBacktestConfig } from "./config.js";
import { fillSensitivity } from "./fill-sensitivity.js";
import { loadBarsCsv } from "./load-bars-csv.js";
import { loadData, runBacktest, runBacktestAsync } from "./run-backtest.js";

const here = (p: string) => new URL(p, import.meta.url).pathname;
const orcl = loadBarsCsv(here("../../test-data/ohlcv/orcl-1995-2014.txt"), {
  symbol: "ORCL",
  timeframe: "1d",
  timezone: "America/New_York",
});
const golden = JSON.parse(readFileSync(here("../../test-data/golden/golden_sma_cross.json"), "utf8"));

describe("runBacktest on real data", () => {
  it("SMA-cross on ORCL 1995-2014 matches the independent pandas oracle (golden_sma_cross.py)", () => {
    const r = runBacktest(
      {
        strategy: "sma-cross",
        params: { fast: golden.params.fast, slow: golden.params.slow, sizing: { qty: 100 } },
        commission: { perShare: 0.005, minimum: 1 },
        fill: { slippage: { model: "fixed-bps", bps: 2 } },
      },
      { bars: [orcl] },
    );
    expect(r.equity.length).toBe(golden.bars);
    expect(r.fills.length).toBe(golden.fills);
    golden.firstFills.forEach(
      (g: { bar: number; qty: number; price: number; commission: number }, k: number) => {
        const f = r.fills[k]!;
        expect(f.ts).toBe(orcl.ts[g.bar]! + 86_400_000);
        expect(f.side === "buy" ? f.qty : -f.qty).toBe(g.qty);
        expect(f.price).toBeCloseTo(g.price, 10);
        expect(f.commission).toBeCloseTo(g.commission, 12);
      },
    );
    for (const [k, v] of Object.entries(golden.equityAt))
      expect(r.equity[Number(k)]).toBeCloseTo(v as number, 6);
    expect(r.metrics.finalEquity).toBeCloseTo(golden.finalEquity, 6);
    expect(r.analytics).toBeDefined();
    expect(String(r)).toMatch(/^Backtest sma-cross 1995-01-04/);
  });

  it("RSI reversion on NVDA 1999-2014 matches the independent numpy oracle (golden_rsi_reversion.py)", () => {
    const g = JSON.parse(readFileSync(here("../../test-data/golden/golden_rsi_reversion.json"), "utf8"));
    const nvda = loadBarsCsv(here("../../test-data/ohlcv/nvda-1999-2014.txt"), {
      symbol: "NVDA",
      timeframe: "1d",
      timezone: "America/New_York",
    });
    const r = runBacktest(
      {
        strategy: "rsi-reversion",
        params: {
          period: g.params.period,
          oversold: g.params.oversold,
          exit: g.params.exit,
          sizing: { qty: 100 },
        },
        commission: { perShare: 0.005, minimum: 1 },
      },
      { bars: [nvda] },
    );
    const barOf = (ts: number) => nvda.ts.indexOf(ts - 86_400_000);
    expect(r.fills.map((f) => barOf(f.ts))).toEqual(g.fillBars);
    for (const [k, v] of Object.entries(g.equityAt)) expect(r.equity[Number(k)]).toBeCloseTo(v as number, 6);
    expect(r.metrics.finalEquity).toBeCloseTo(g.finalEquity, 6);
  });

  it("headline metrics agree with the analytics module (an independent implementation golden-tested vs pandas)", () => {
    const r = runBacktest(
      {
        strategy: "sma-cross",
        params: { fast: 11, slow: 37, sizing: { percentEquity: 0.9 } },
        periodsPerYear: 252,
      },
      { bars: [orcl] },
    );
    const a = r.analytics!;
    expect(r.analyticsError).toBeUndefined();
    expect(r.metrics.totalReturn).toBeCloseTo(a.totalReturn, 10);
    expect(r.metrics.maxDrawdown).toBeCloseTo(Math.abs(a.maxDrawdown), 10);
    expect(r.metrics.sharpe).toBeCloseTo(a.sharpe, 8);
    expect(r.metrics.annualVolatility).toBeCloseTo(a.volatility, 8);
    expect(r.metrics.trades).toBe(r.trades.length);
  });

  it("every built-in strategy runs from its YAML/JSON-style config on real data", () => {
    const nvda = loadBarsCsv(here("../../test-data/ohlcv/nvda-1999-2014.txt"), {
      symbol: "NVDA",
      timeframe: "1d",
      timezone: "America/New_York",
    });
    const ftx = loadBarsCsv(here("../../test-data/ohlcv/ftx_btc-perp_2022-01_first10000_1m.csv"), {
      symbol: "BTC-PERP",
      timeframe: "1m",
    });
    const rsi = runBacktest(
      { strategy: "rsi-reversion", params: { sizing: { qty: 100 } } },
      { bars: [orcl] },
    );
    const vb = runBacktest(
      { strategy: "volume-breakout", params: { lookback: 30, volumeMultiple: 3 } },
      { bars: [ftx] },
    );
    const pairs = runBacktest(loadBacktestConfig(here("../../configs/pairs-orcl-nvda.yaml")));
    for (const r of [rsi, vb, pairs]) {
      expect(r.fills.length).toBeGreaterThan(4);
      const pf = r.portfolio;
      expect(pf.equity - pf.initialCash).toBeCloseTo(pf.realized + pf.unrealized - pf.totalCommissions, 6);
    }
    expect(new Set(pairs.fills.map((f) => f.symbol))).toEqual(new Set(["ORCL", "NVDA"]));
    expect(nvda.length).toBe(4012);
  });

  it("reads bars from the @quantkit/data store (runBacktestAsync) and gets the same result as from the CSV", async () => {
    const root = mkdtempSync(join(tmpdir(), "qk-store-"));
    const store = await openStore({ root, bundled: false });
    await store.importCsv(here("../../test-data/ohlcv/ford_F_2012_daily.csv"), {
      symbol: "F",
      timeframe: "1d",
      timezone: "America/New_York",
    });
    await store.close();
    const params = { fast: 5, slow: 20, sizing: { qty: 100 } };
    const fromStore = await runBacktestAsync({
      strategy: "sma-cross",
      params,
      data: [{ symbol: "F", timeframe: "1d", store: { root, bundled: false } }],
    });
    const csv = loadBarsCsv(here("../../test-data/ohlcv/ford_F_2012_daily.csv"), {
      symbol: "F",
      timeframe: "1d",
      timezone: "America/New_York",
    });
    const fromCsv = runBacktest({ strategy: "sma-cross", params }, { bars: [csv] });
    expect(fromStore.equity.length).toBe(250);
    expect(fromStore.fills.map((f) => [f.ts, f.price])).toEqual(fromCsv.fills.map((f) => [f.ts, f.price]));
    expect(fromStore.equity).toEqual(fromCsv.equity);
  });

  it("config errors name the field", () => {
    expect(() => parseBacktestConfig({ strategy: "nope" })).toThrow(/strategy/);
    expect(() =>
      runBacktest({ strategy: "sma-cross", params: { fast: 30, slow: 10 } }, { bars: [orcl] }),
    ).toThrow(/params\.fast|fast: fast must be < slow/);
    expect(() => parseBacktestConfig({ strategy: "sma-cross", initialCash: -1 })).toThrow(/initialCash/);
  });

  it("backtestCli writes every output; the same config reproduces byte-identical files; the log replays", async () => {
    const a = mkdtempSync(join(tmpdir(), "qk-cli-a-"));
    const b = mkdtempSync(join(tmpdir(), "qk-cli-b-"));
    const cfg = here("../../configs/sma-cross-orcl.yaml");
    const r = await backtestCli({ config: cfg, out: a });
    await backtestCli({ config: cfg, out: b });
    for (const f of CLI_OUTPUTS)
      expect(Buffer.compare(readFileSync(join(a, f)), readFileSync(join(b, f))), f).toBe(0);
    expect(readFileSync(join(a, "report.html"), "utf8")).toMatch(/<svg/);
    expect(readFileSync(join(a, "trades.csv"), "utf8").split("\n")[0]).toMatch(/^symbol,strategy,direction/);
    // the Parquet files hold the same rows as the CSVs (read back with DuckDB)
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    const rows = async (sql: string) => (await con.runAndReadAll(sql)).getRows();
    const [[nEq, lastEq]] = (await rows(
      `SELECT count(*), last(equity ORDER BY ts_ms) FROM read_parquet('${join(a, "equity.parquet")}')`,
    )) as [[bigint, number]];
    expect(Number(nEq)).toBe(r.equity.length);
    expect(lastEq).toBe(r.equity.at(-1));
    const [[nTr]] = (await rows(`SELECT count(*) FROM read_parquet('${join(a, "trades.parquet")}')`)) as [
      [bigint],
    ];
    expect(Number(nTr)).toBe(r.trades.length);
    con.closeSync();
    db.closeSync();
    const { records, truncated } = readEventLog(join(a, "events.jsonl"));
    expect(truncated).toBeNull();
    const c = loadBacktestConfig(cfg);
    const state = replayLog(records, loadData(c), { initialCash: c.initialCash, commission: c.commission });
    expect(state.equity).toEqual(r.equity);
    expect(state.orders).toEqual(r.orders);
    expect(records.filter((x) => x.type === "risk").length).toBe(r.orders.length);
  });

  it("fill sensitivity: optimistic ≥ neutral > pessimistic final equity on SMA-cross (pessimistic adds slippage)", () => {
    const s = fillSensitivity(
      {
        strategy: "sma-cross",
        params: { fast: 10, slow: 30, sizing: { qty: 100 } },
        commission: { perShare: 0.005 },
      },
      { bars: [orcl] },
    );
    const fe = s.rows.find((x) => x.metric === "finalEquity")!;
    expect(fe.optimistic).toBeGreaterThanOrEqual(fe.neutral);
    expect(fe.pessimistic).toBeLessThan(fe.neutral);
    expect(fe.downside).toBeCloseTo(fe.pessimistic - fe.neutral, 9);
    expect(String(s)).toMatch(/\| finalEquity \|/);
  });

  it("fill sensitivity: the pessimistic run uses at least pessimisticBps of slippage even when the config has less", () => {
    const config = {
      strategy: "sma-cross" as const,
      params: { fast: 10, slow: 30, sizing: { qty: 100 } },
      fill: { slippage: { model: "fixed-bps" as const, bps: 2 } },
    };
    const s = fillSensitivity(config, { bars: [orcl] });
    expect(s.results.pessimistic.config.fill.slippage).toEqual({ model: "fixed-bps", bps: 5 });
    const fe = s.rows.find((x) => x.metric === "finalEquity")!;
    expect(fe.pessimistic).toBeLessThan(fe.neutral);
  });

  it("orders rejected by a tripped kill switch say when and why it tripped", () => {
    const r = runBacktest(
      {
        strategy: "sma-cross",
        params: { fast: 10, slow: 30, sizing: { percentEquity: 0.95 } },
        risk: { killSwitch: { maxDrawdown: 0.3 } },
      },
      { bars: [orcl] },
    );
    const rejected = r.audit({ to: "REJECTED" });
    expect(rejected.length).toBeGreaterThan(0);
    for (const e of rejected)
      expect(e.reason).toMatch(/^kill-switch: tripped at \d{4}-\d{2}-\d{2}T.* on drawdown \(drawdown /);
  });
});
