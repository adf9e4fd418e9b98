/**
 * The defaults the venue feeds share: reconnect backoff ({@link backoffSchema}), jitter seed, bounded buffer
 * ({@link bufferSchema}), staleness (ms) and REST page size (rows).
 * @example
 * FEED_DEFAULTS.backoff // → { initialMs: 100, maxMs: 10_000, factor: 2, jitter: 0.5 }
 * @see https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 */
export const FEED_DEFAULTS = Object.freeze({
  backoff: Object.freeze({ initialMs: 100, maxMs: 10_000, factor: 2, jitter: 0.5 }),
  seed: 1,
  buffer: Object.freeze({ capacity: 10_000, policy: "pause" as const }),
  staleAfterMs: 5000,
  restLimit: 1000,
});
