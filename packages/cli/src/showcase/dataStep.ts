import type { Bars } from "@quantkit/core";
import { isoUtc } from "@quantkit/core";
import type { CatalogEntry, QualityReport, Store } from "@quantkit/data";
import { checkBars, resampleWithReport } from "@quantkit/data";

/** What the data step found, for the summary and the later steps. */
export interface DataStepResult {
  readonly catalog: readonly CatalogEntry[];
  readonly daily: Bars;
  readonly minute: Bars;
  readonly hourly: Bars;
  readonly quality: readonly QualityReport[];
  readonly lines: readonly string[];
}

/** Symbols the showcase uses: a long US equity daily series and a 24/7 crypto minute series. */
export const SHOWCASE_DAILY = "ORCL";
export const SHOWCASE_MINUTE = "BTC-PERP";

/**
 * Lists the bundled datasets, loads a daily and a minute series, resamples the minutes to hours and checks quality.
 */
export async function dataStep(store: Store): Promise<DataStepResult> {
  const catalog = await store.catalog();
  const lines: string[] = ["Datasets:"];
  for (const c of catalog) {
    lines.push(
      `  ${c.kind.padEnd(6)} ${c.symbol.padEnd(9)} ${(c.timeframe ?? "ticks").padEnd(5)} ${String(c.rows).padStart(6)} rows  ${isoUtc(c.start).slice(0, 10)} → ${isoUtc(c.end).slice(0, 10)}  (${c.timezone})`,
    );
  }
  const daily = await store.getBars({ symbol: SHOWCASE_DAILY, timeframe: "1d" });
  const minute = await store.getBars({ symbol: SHOWCASE_MINUTE, timeframe: "1m" });
  const { bars: hourly, incomplete } = resampleWithReport(minute, "1h");
  lines.push(
    `Loaded ${SHOWCASE_DAILY} 1d (${daily.length} bars) and ${SHOWCASE_MINUTE} 1m (${minute.length} bars) → 1h (${hourly.length} bars${incomplete ? ", trailing incomplete hour left out" : ""})`,
  );
  const quality = [
    checkBars(daily, { calendar: "weekdays", timezone: "America/New_York" }),
    checkBars(minute, { calendar: "continuous" }),
    checkBars(hourly, { calendar: "continuous" }),
  ];
  return { catalog, daily, minute, hourly, quality, lines };
}
