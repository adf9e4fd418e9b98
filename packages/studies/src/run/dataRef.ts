import { loadBarsCsv, randomBars } from "@quantkit/backtest";
import { type Bars, parseWith } from "@quantkit/core";
import { openStore } from "@quantkit/data";
import { type DataRef, type DataRefInput, dataRefSchema } from "./runSpec.js";

/**
 * Loads the bars a {@link DataRef} names: the @quantkit/data store (bundled datasets included), a CSV file, or
 * seeded synthetic bars. The same ref gives the same bars on every host that can read the data.
 *
 * @example
 * (await loadDataRef({ kind: "synthetic", seed: 7, length: 1000 })).length // → 1000
 * (await loadDataRef({ kind: "store", symbol: "ORCL", timeframe: "1d" })).length // → 5036 (bundled)
 */
export async function loadDataRef(ref: DataRefInput | DataRef): Promise<Bars> {
  const r = parseWith(dataRefSchema, ref, "data ref");
  switch (r.kind) {
    case "synthetic":
      return randomBars(r.length, r.seed, r.symbol, r.timeframe, r.start);
    case "csv":
      return loadBarsCsv(r.path, { symbol: r.symbol, timeframe: r.timeframe, timezone: r.timezone });
    case "store": {
      const store = await openStore({
        ...(r.home !== undefined ? { root: r.home } : {}),
        ...(r.bundled !== undefined ? { bundled: r.bundled } : {}),
      });
      try {
        return await store.getBars({
          symbol: r.symbol,
          timeframe: r.timeframe,
          ...(r.start !== undefined ? { start: r.start } : {}),
          ...(r.end !== undefined ? { end: r.end } : {}),
        });
      } finally {
        await store.close();
      }
    }
  }
}
