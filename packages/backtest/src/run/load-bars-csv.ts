import { readFileSync } from "node:fs";
import {
  type Bars,
  emptyBars,
  localToUtcMs,
  parseTimeframe,
  type Timeframe,
  ValidationError,
} from "@quantkit/core";

/** Options of {@link loadBarsCsv}. */
export interface LoadBarsCsvOptions {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Time zone of the file's timestamps/dates (default `"UTC"`); daily dates become local midnight in it. */
  readonly timezone?: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/;

/**
 * Reads an OHLCV CSV (header row; first column a date `YYYY-MM-DD` or timestamp `YYYY-MM-DD HH:MM[:SS[.ffffff]]`;
 * `open`, `high`, `low`, `close`, `volume` found by header name, case-insensitive; other columns such as
 * `Adj Close` ignored) into {@link Bars}. Every row is validated: a non-numeric field, `high < max(open, close)`,
 * `low > min(open, close)` or a timestamp not strictly after the previous one throws a ValidationError naming the
 * row — nothing is dropped or reordered silently.
 *
 * @example
 * loadBarsCsv("test-data/ohlcv/orcl-1995-2014.txt", { symbol: "ORCL", timeframe: "1d", timezone: "America/New_York" }).length // → 5036
 */
export function loadBarsCsv(path: string, options: LoadBarsCsvOptions): Bars {
  const tf = parseTimeframe(options.timeframe);
  const tz = options.timezone ?? "UTC";
  const lines = readFileSync(path, "utf8").split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1) === "") lines.pop();
  const header = (lines[0] ?? "").split(",").map((h) => h.trim().toLowerCase());
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0)
      throw new ValidationError(`CSV ${path}`, [{ path: "header", message: `missing column "${name}"` }]);
    return i;
  };
  const ci = [col("open"), col("high"), col("low"), col("close"), col("volume")] as const;
  const n = lines.length - 1;
  const bars = emptyBars(options.symbol, tf, n);
  const cols = [bars.open, bars.high, bars.low, bars.close, bars.volume];
  const issues: { path: string; message: string }[] = [];
  for (let r = 0; r < n; r++) {
    const f = lines[r + 1]!.split(",");
    const m = DATE_RE.exec((f[0] ?? "").trim());
    const row = `row ${r + 2}`;
    if (m === null) {
      issues.push({ path: `${row}.date`, message: `expected YYYY-MM-DD[ HH:MM[:SS[.f]]], got "${f[0]}"` });
      continue;
    }
    const local =
      Date.UTC(
        Number(m[1]),
        Number(m[2]) - 1,
        Number(m[3]),
        Number(m[4] ?? 0),
        Number(m[5] ?? 0),
        Number(m[6] ?? 0),
      ) + (m[7] !== undefined ? Number(`0.${m[7]}`) * 1000 : 0);
    const ts = tz === "UTC" ? local : localToUtcMs(local, tz);
    bars.ts[r] = ts;
    for (let k = 0; k < 5; k++) {
      const j = ci[k]!;
      const v = Number(f[j]);
      if (!Number.isFinite(v) || f[j]?.trim() === "")
        issues.push({ path: `${row}.${header[j]}`, message: `expected a number, got "${f[j]}"` });
      cols[k]![r] = v;
    }
    const [o, h, l, c] = [bars.open[r]!, bars.high[r]!, bars.low[r]!, bars.close[r]!];
    if (h < Math.max(o, c) || l > Math.min(o, c) || l > h)
      issues.push({ path: row, message: `inconsistent OHLC (o ${o}, h ${h}, l ${l}, c ${c})` });
    if (r > 0 && !(ts > bars.ts[r - 1]!))
      issues.push({ path: `${row}.date`, message: "timestamp not strictly after the previous row" });
    if (issues.length > 20) break;
  }
  if (issues.length > 0) throw new ValidationError(`CSV ${path}`, issues);
  return bars;
}
