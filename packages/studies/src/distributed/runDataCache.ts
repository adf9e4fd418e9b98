import type { Bars } from "@quantkit/core";
import { loadDataRef } from "../run/dataRef.js";
import { IndicatorCache } from "../run/indicatorCache.js";
import { canonicalJson, type DataRef } from "../run/runSpec.js";

/** Bars of one data ref plus the indicator cache of the runs over them. */
export interface LoadedData {
  readonly bars: Bars;
  readonly indicators: IndicatorCache;
}

/**
 * A worker's cache of loaded bars per {@link DataRef} (keyed by its canonical JSON), least recently used evicted
 * beyond `capacity`, so a worker serving a sweep loads its data once and keeps each data set's indicator columns.
 * Concurrent requests for the same ref share one load.
 *
 * @example
 * const cache = new RunDataCache(4);
 * (await cache.get({ kind: "synthetic", seed: 1, length: 100, symbol: "SYN", timeframe: "1m", start: 0 })).bars.length // → 100
 */
export class RunDataCache {
  readonly #map = new Map<string, Promise<LoadedData>>();
  /** Loads done (cache misses). */
  loads = 0;

  /** @param capacity - data sets kept (default 4). */
  constructor(readonly capacity = 4) {}

  /** The bars (and indicator cache) of `ref`, loading them on a miss. A failed load is not cached. */
  get(ref: DataRef): Promise<LoadedData> {
    const key = canonicalJson(ref);
    const hit = this.#map.get(key);
    if (hit !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, hit);
      return hit;
    }
    this.loads++;
    const p = loadDataRef(ref).then((bars) => ({ bars, indicators: new IndicatorCache(256 * 1024 * 1024) }));
    p.catch(() => this.#map.delete(key));
    this.#map.set(key, p);
    while (this.#map.size > this.capacity) {
      const oldest = this.#map.keys().next().value as string;
      this.#map.delete(oldest);
    }
    return p;
  }
}
