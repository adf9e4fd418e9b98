import { createHash } from "node:crypto";
import type { Bars } from "@quantkit/core";

/** Identifies one input series by content: a SHA-256 over its symbol, timeframe and every column's bytes. */
export interface DataFingerprint {
  readonly symbol: string;
  readonly timeframe: string;
  readonly length: number;
  readonly firstTs: number | null;
  readonly lastTs: number | null;
  readonly sha256: string;
}

/**
 * What reproduces a run: the validated config, the seed, the fingerprints of the market data (which the log does
 * not copy) and the code version. No wall-clock time, so the same manifest yields byte-identical outputs.
 */
export interface RunManifest {
  readonly manifestVersion: 1;
  readonly engine: { readonly package: "@quantkit/backtest"; readonly version: string };
  readonly seed: number;
  readonly config: unknown;
  readonly data: readonly DataFingerprint[];
}

/**
 * Fingerprints a bar series.
 *
 * @example
 * fingerprintBars(bars).sha256 // → "3f9a…" (64 hex chars; changes if any price changes)
 */
export function fingerprintBars(bars: Bars): DataFingerprint {
  const h = createHash("sha256");
  h.update(`${bars.symbol}\n${bars.timeframe}\n${bars.length}\n`);
  for (const col of [bars.ts, bars.open, bars.high, bars.low, bars.close, bars.volume])
    h.update(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
  return {
    symbol: bars.symbol,
    timeframe: bars.timeframe,
    length: bars.length,
    firstTs: bars.length > 0 ? bars.ts[0]! : null,
    lastTs: bars.length > 0 ? bars.ts[bars.length - 1]! : null,
    sha256: h.digest("hex"),
  };
}
