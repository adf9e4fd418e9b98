import type { Bars } from "@quantkit/core";
import { ValidationError } from "@quantkit/core";
import { fingerprintBars, type RunManifest } from "../log/manifest.js";
import { parseBacktestConfig } from "./config.js";
import {
  type BacktestResult,
  ENGINE_VERSION,
  loadDataAsync,
  type RunOptions,
  runBacktest,
} from "./run-backtest.js";

/**
 * Re-runs a backtest from its manifest: loads the data its config names (or takes `bars`), checks every series
 * against the manifest's fingerprints (a changed price, a missing row or another engine version is an error naming
 * it), then runs the same config and seed. Same manifest + same data ⇒ byte-identical outputs.
 *
 * @example
 * const again = await reproduceRun(JSON.parse(readFileSync("out/manifest.json", "utf8")));
 * again.equity // → identical to the original run's equity column
 */
export async function reproduceRun(manifest: RunManifest, options: RunOptions = {}): Promise<BacktestResult> {
  const config = parseBacktestConfig(manifest.config);
  const bars: readonly Bars[] = options.bars ?? (await loadDataAsync(config));
  const issues: { path: string; message: string }[] = [];
  if (manifest.engine.version !== ENGINE_VERSION)
    issues.push({
      path: "engine.version",
      message: `manifest has ${manifest.engine.version}, this engine is ${ENGINE_VERSION}`,
    });
  if (bars.length !== manifest.data.length)
    issues.push({ path: "data", message: `expected ${manifest.data.length} series, got ${bars.length}` });
  bars.forEach((b, i) => {
    const want = manifest.data[i];
    const got = fingerprintBars(b);
    if (want !== undefined && got.sha256 !== want.sha256)
      issues.push({
        path: `data[${i}]`,
        message: `${got.symbol} ${got.timeframe}: fingerprint ${got.sha256.slice(0, 12)}… (${got.length} bars) ≠ manifest ${want.sha256.slice(0, 12)}… (${want.length} bars)`,
      });
  });
  if (issues.length > 0) throw new ValidationError("run manifest data", issues);
  return runBacktest(config, { ...options, bars });
}
