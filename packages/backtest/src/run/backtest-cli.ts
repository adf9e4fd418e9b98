import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isoUtc } from "@quantkit/core";
import {
  type BacktestConfig,
  type BacktestConfigInput,
  loadBacktestConfig,
  parseBacktestConfig,
} from "./config.js";
import { reportHtml } from "./report-html.js";
import { type BacktestResult, loadDataAsync, runBacktest } from "./run-backtest.js";
import { csvToParquet } from "./write-parquet.js";

/** Options of {@link backtestCli}. */
export interface BacktestCliOptions {
  /** A config file path (YAML/JSON) or a config object. */
  readonly config: string | BacktestConfigInput | BacktestConfig;
  /** Output folder (created). */
  readonly out: string;
}

/**
 * Files written by {@link backtestCli}.
 *
 * @example
 * CLI_OUTPUTS.includes("report.html") // → true
 */
export const CLI_OUTPUTS = [
  "summary.json",
  "manifest.json",
  "trades.csv",
  "equity.csv",
  "events.jsonl",
  "report.html",
] as const;

function csvNum(x: number): string {
  return Number.isFinite(x) ? String(x) : "";
}

/**
 * What `quantkit backtest --config <file> --out <dir>` does: runs the backtest with the event log streaming to
 * `<out>/events.jsonl`, then writes `summary.json`, `manifest.json`, trades and equity as CSV and Parquet, and a
 * self-contained `report.html`. Outputs contain no wall-clock time, so the same config and data reproduce them
 * byte for byte.
 *
 * @example
 * await backtestCli({ config: "configs/sma-cross.yaml", out: "out/sma" }); // → BacktestResult, files in out/sma
 */
export async function backtestCli(options: BacktestCliOptions): Promise<BacktestResult> {
  const config =
    typeof options.config === "string"
      ? loadBacktestConfig(options.config)
      : parseBacktestConfig(options.config);
  mkdirSync(options.out, { recursive: true });
  const bars = await loadDataAsync(config);
  const r = runBacktest(config, { bars, log: { path: join(options.out, "events.jsonl") } });
  writeFileSync(join(options.out, "summary.json"), `${JSON.stringify(r.summary(), null, 2)}\n`);
  writeFileSync(join(options.out, "manifest.json"), `${JSON.stringify(r.manifest, null, 2)}\n`);
  const trades = [
    "symbol,strategy,direction,entry_time,exit_time,max_qty,entry_price,exit_price,pnl,commission",
  ];
  for (const t of r.trades)
    trades.push(
      [
        t.symbol,
        t.strategyId,
        t.direction,
        isoUtc(t.entryTs),
        isoUtc(t.exitTs),
        t.maxQty,
        t.entryPrice,
        t.exitPrice,
        t.pnl,
        t.commission,
      ]
        .map((v) => (typeof v === "number" ? csvNum(v) : v))
        .join(","),
    );
  writeFileSync(join(options.out, "trades.csv"), `${trades.join("\n")}\n`);
  const eq: string[] = ["time,ts_ms,equity"];
  for (let i = 0; i < r.equity.length; i++)
    eq.push(`${isoUtc(r.equityTs[i]!)},${r.equityTs[i]},${csvNum(r.equity[i]!)}`);
  writeFileSync(join(options.out, "equity.csv"), `${eq.join("\n")}\n`);
  writeFileSync(join(options.out, "report.html"), reportHtml(r));
  await csvToParquet([
    [join(options.out, "trades.csv"), join(options.out, "trades.parquet")],
    [join(options.out, "equity.csv"), join(options.out, "equity.parquet")],
  ]);
  return r;
}
