import { type Bars, isoUtc, QuantkitError } from "@quantkit/core";
import { openStore } from "@quantkit/data";
import { buyAndHold } from "../analytics/benchmarkStats.js";
import { type Analytics, computeAnalytics } from "../analytics/computeAnalytics.js";
import { Engine } from "../engine/engine.js";
import type { Strategy } from "../engine/strategy.js";
import type { LogSink } from "../log/event-log.js";
import { fingerprintBars, type RunManifest } from "../log/manifest.js";
import type { Fill, Order } from "../orders/order.js";
import type { AuditEntry, AuditQuery } from "../orders/order-manager.js";
import type { Portfolio } from "../portfolio/portfolio.js";
import { createStrategy } from "../strategies/registry.js";
import { type BasicMetrics, basicMetrics } from "./basic-metrics.js";
import { type BacktestConfig, type BacktestConfigInput, parseBacktestConfig } from "./config.js";
import { loadBarsCsv } from "./load-bars-csv.js";
import { type RoundTrip, roundTrips } from "./round-trips.js";

/**
 * Version recorded in run manifests.
 *
 * @example
 * runBacktest(config).manifest.engine.version === ENGINE_VERSION // → true
 */
export const ENGINE_VERSION = "0.1.0";

/** Extra inputs of {@link runBacktest}. */
export interface RunOptions {
  /** Bars to use instead of the config's `data` files (notebooks, tests). */
  readonly bars?: readonly Bars[];
  /** Event log sink (default `"memory"`). */
  readonly log?: LogSink;
  /** A strategy object instead of the config's built-in one. */
  readonly strategy?: Strategy;
}

/**
 * Everything a backtest produced: the equity curve (columns), round-trip trades, orders, fills, headline metrics,
 * the run manifest and the audit trail. `toString()` prints a concise summary in a notebook.
 * @example
 * const r = runBacktest(config, { bars }); r.metrics.sharpe; String(r) // → "Backtest sma-cross … Sharpe …"
 */
export class BacktestResult {
  constructor(
    readonly config: BacktestConfig,
    readonly equityTs: Float64Array,
    readonly equity: Float64Array,
    readonly trades: readonly RoundTrip[],
    readonly openTrades: number,
    readonly orders: readonly Order[],
    readonly fills: readonly Fill[],
    readonly metrics: BasicMetrics,
    readonly manifest: RunManifest,
    readonly portfolio: Portfolio,
    private readonly auditFn: (q: AuditQuery) => AuditEntry[],
    readonly logRecords: number,
    /** Full analytics (`computeAnalytics`, buy-and-hold benchmark for single-symbol runs), or undefined. */
    readonly analytics: Analytics | undefined,
    /** Why `analytics` is undefined (e.g. equity ≤ 0), if it is. */
    readonly analyticsError: string | undefined,
  ) {}

  /** Order audit trail, e.g. `audit({ symbol: "ORCL", to: "REJECTED" })`. */
  audit(query: AuditQuery = {}): AuditEntry[] {
    return this.auditFn(query);
  }

  /** A JSON-ready summary (what `summary.json` holds). */
  summary(): Record<string, unknown> {
    const rejected = this.orders.filter((o) => o.status === "REJECTED").length;
    return {
      strategy: this.config.strategy,
      params: this.config.params,
      start: this.equityTs.length > 0 ? isoUtc(this.equityTs[0]!) : null,
      end: this.equityTs.length > 0 ? isoUtc(this.equityTs[this.equityTs.length - 1]!) : null,
      samples: this.equity.length,
      initialCash: this.config.initialCash,
      metrics: this.metrics,
      analytics: this.analytics ?? null,
      analyticsError: this.analyticsError ?? null,
      orders: this.orders.length,
      rejectedOrders: rejected,
      fills: this.fills.length,
      trades: this.trades.length,
      openTrades: this.openTrades,
      commissions: this.portfolio.totalCommissions,
      slippage: this.portfolio.totalSlippage,
      positions: this.portfolio.positions(),
      attributionBySymbol: this.portfolio.attributionBySymbol(),
      manifest: this.manifest,
    };
  }

  /** A short human-readable summary. */
  toString(): string {
    const m = this.metrics;
    const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
    const s = this.summary();
    return [
      `Backtest ${this.config.strategy} ${s.start} → ${s.end} (${this.equity.length} samples)`,
      `  final equity ${m.finalEquity.toFixed(2)}  total return ${pct(m.totalReturn)}  CAGR ${pct(m.cagr)}`,
      `  Sharpe ${m.sharpe.toFixed(2)}  vol ${pct(m.annualVolatility)}  max drawdown ${pct(m.maxDrawdown)}`,
      `  trades ${m.trades}  win rate ${pct(m.winRate)}  profit factor ${m.profitFactor.toFixed(2)}`,
      `  orders ${this.orders.length} (rejected ${s.rejectedOrders})  fills ${this.fills.length}  commissions ${this.portfolio.totalCommissions.toFixed(2)}`,
    ].join("\n");
  }
}

/**
 * Loads the config's CSV data files (or returns the given bars). Store sources need the async
 * {@link loadDataAsync}.
 * @example
 * loadData(loadBacktestConfig("configs/sma-cross-orcl.yaml"))[0].symbol // → "ORCL"
 */
export function loadData(config: BacktestConfig, bars?: readonly Bars[]): readonly Bars[] {
  if (bars !== undefined) return bars;
  return config.data.map((d, i) => {
    if (!("csv" in d))
      throw new QuantkitError(
        `data[${i}] (${d.symbol}) reads the @quantkit/data store: use runBacktestAsync/loadDataAsync`,
      );
    return loadBarsCsv(d.csv, { symbol: d.symbol, timeframe: d.timeframe, timezone: d.timezone });
  });
}

/**
 * Loads every data source of a config: CSV files, and `store` sources through `@quantkit/data`'s
 * `openStore().getBars({ symbol, timeframe, start, end })`.
 *
 * @example
 * const bars = await loadDataAsync(parseBacktestConfig({ strategy: "sma-cross", data: [{ symbol: "ORCL", timeframe: "1d", store: true }] }));
 */
export async function loadDataAsync(config: BacktestConfig): Promise<readonly Bars[]> {
  const out: Bars[] = [];
  for (const d of config.data) {
    if ("csv" in d) {
      out.push(loadBarsCsv(d.csv, { symbol: d.symbol, timeframe: d.timeframe, timezone: d.timezone }));
      continue;
    }
    const store = await openStore(d.store === true ? {} : d.store);
    try {
      out.push(
        await store.getBars({
          symbol: d.symbol,
          timeframe: d.timeframe,
          ...(d.start !== undefined ? { start: d.start } : {}),
          ...(d.end !== undefined ? { end: d.end } : {}),
          ...(d.timezone !== undefined ? { timezone: d.timezone } : {}),
        }),
      );
    } finally {
      await store.close();
    }
  }
  return out;
}

/**
 * {@link runBacktest} for configs whose data comes from the @quantkit/data store (or CSV files).
 *
 * @example
 * const r = await runBacktestAsync({ strategy: "sma-cross", data: [{ symbol: "ORCL", timeframe: "1d", store: true }] });
 */
export async function runBacktestAsync(
  config: BacktestConfigInput | BacktestConfig,
  options: RunOptions = {},
): Promise<BacktestResult> {
  const c = parseBacktestConfig(config);
  const bars = options.bars ?? (await loadDataAsync(c));
  return runBacktest(c, { ...options, bars });
}

/**
 * Runs one backtest from a config (validated) and returns a {@link BacktestResult}. Deterministic: the same
 * config, data and seed give identical results.
 *
 * @param config - `{ strategy: "sma-cross", params: {...}, data: [...], initialCash, commission, fill, latency, risk, seed }`.
 * @example
 * const r = runBacktest({ strategy: "sma-cross", params: { fast: 10, slow: 30 } }, { bars: [orcl] });
 * console.log(String(r)); // Backtest sma-cross 1995-… → 2014-… / final equity … / Sharpe …
 */
export function runBacktest(
  config: BacktestConfigInput | BacktestConfig,
  options: RunOptions = {},
): BacktestResult {
  const c = parseBacktestConfig(config);
  const strategy = options.strategy ?? createStrategy({ strategy: c.strategy, params: c.params } as never);
  const bars = loadData(c, options.bars);
  const engine = new Engine({
    bars,
    strategy,
    portfolio: {
      initialCash: c.initialCash,
      commission: c.commission,
      maxLeverage: c.maxLeverage,
      allowShort: c.allowShort,
    },
    fill: c.fill,
    latency: c.latency,
    risk: c.risk,
    log: options.log ?? "memory",
    seed: c.seed,
  });
  const r = engine.run();
  const { closed, open } = roundTrips(r.fills);
  const n = r.equity.length;
  const years = n > 1 ? (r.equityTs[n - 1]! - r.equityTs[0]!) / (365.25 * 86_400_000) : 0;
  const periodsPerYear = c.periodsPerYear ?? (years > 0 ? (n - 1) / years : 252);
  const metrics = basicMetrics(r.equityTs, r.equity, closed, c.initialCash, periodsPerYear);
  let analytics: Analytics | undefined;
  let analyticsError: string | undefined;
  try {
    const only = bars.length === 1 && bars[0]!.length === r.equity.length ? bars[0]! : undefined;
    analytics = computeAnalytics(
      { ts: r.equityTs, equity: r.equity },
      closed.map((t) => ({
        symbol: t.symbol,
        entryTs: t.entryTs,
        exitTs: t.exitTs,
        qty: t.maxQty,
        entryPrice: t.entryPrice,
        exitPrice: t.exitPrice,
        pnl: t.pnl,
        fees: t.commission,
      })),
      only !== undefined ? buyAndHold(only.close, c.initialCash) : undefined,
      { periodsPerYear },
    );
  } catch (e) {
    analyticsError = e instanceof Error ? e.message : String(e);
  }
  const manifest: RunManifest = {
    manifestVersion: 1,
    engine: { package: "@quantkit/backtest", version: ENGINE_VERSION },
    seed: c.seed,
    config: c,
    data: bars.map(fingerprintBars),
  };
  return new BacktestResult(
    c,
    r.equityTs,
    r.equity,
    closed,
    open,
    r.orders,
    r.fills,
    metrics,
    manifest,
    r.portfolio,
    (q) => r.orderManager.audit(q),
    r.logRecords,
    analytics,
    analyticsError,
  );
}
