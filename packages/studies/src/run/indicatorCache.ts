/**
 * A per-worker cache of indicator columns keyed by name (e.g. `"sma:20"`), so a sweep computes each distinct series
 * once and every parameter set that needs it reuses it. Least-recently-used entries are evicted when the cached
 * bytes exceed `budgetBytes`. Cached arrays are shared: callers must not write to them.
 *
 * @example
 * const cache = new IndicatorCache();
 * cache.get("sma:20", () => sma(close, { period: 20 })) === cache.get("sma:20", () => sma(close, { period: 20 })) // → true
 * @see https://en.wikipedia.org/wiki/Cache_replacement_policies#LRU
 */
export class IndicatorCache {
  readonly #map = new Map<string, Float64Array>();
  #bytes = 0;
  /** Number of lookups answered from the cache. */
  hits = 0;
  /** Number of lookups that computed the column. */
  misses = 0;

  /** @param budgetBytes - maximum cached bytes (default 512 MiB); 0 disables caching. */
  constructor(readonly budgetBytes = 512 * 1024 * 1024) {}

  /** The cached column for `key`, computing (and caching) it with `compute` on a miss. */
  get(key: string, compute: () => Float64Array): Float64Array {
    const hit = this.#map.get(key);
    if (hit !== undefined) {
      this.hits++;
      // move to the most-recently-used end
      this.#map.delete(key);
      this.#map.set(key, hit);
      return hit;
    }
    this.misses++;
    const v = compute();
    if (this.budgetBytes <= 0 || v.byteLength > this.budgetBytes) return v;
    this.#map.set(key, v);
    this.#bytes += v.byteLength;
    for (const [k, a] of this.#map) {
      if (this.#bytes <= this.budgetBytes) break;
      this.#map.delete(k);
      this.#bytes -= a.byteLength;
    }
    return v;
  }

  /** Bytes currently cached. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Drops every entry. */
  clear(): void {
    this.#map.clear();
    this.#bytes = 0;
  }
}
