import type { z } from "zod";
import type { backoffSchema, bufferSchema } from "./feedConnection.js";

/**
 * The defaults the venue feeds share: reconnect backoff (`backoffSchema`), jitter seed, bounded buffer
 * (`bufferSchema`), staleness (ms) and REST page size (rows).
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

/** The options every venue feed has (as parsed by its zod schema). */
interface CommonFeedOptions {
  restUrl: string;
  staleAfterMs?: number | undefined;
  backoff?: z.infer<typeof backoffSchema> | undefined;
  seed?: number | undefined;
  buffer?: z.infer<typeof bufferSchema> | undefined;
  restLimit?: number | undefined;
}

/**
 * A feed's parsed options with the shared defaults ({@link FEED_DEFAULTS}) filled in and the REST base URL's
 * trailing slash removed; the venue's own options pass through.
 * @param o - the options parsed by the feed's schema.
 * @example
 * withFeedDefaults({ restUrl: "https://fapi.binance.com/", seed: 3 }) // → { restUrl: "https://fapi.binance.com", seed: 3, staleAfterMs: 5000, backoff: { initialMs: 100, … }, buffer: { capacity: 10_000, policy: "pause" }, restLimit: 1000 }
 */
export function withFeedDefaults<T extends CommonFeedOptions>(
  o: T,
): Omit<T, keyof CommonFeedOptions> & {
  [K in keyof CommonFeedOptions]-?: Exclude<CommonFeedOptions[K], undefined>;
} {
  return {
    ...o,
    restUrl: o.restUrl.replace(/\/$/, ""),
    staleAfterMs: o.staleAfterMs ?? FEED_DEFAULTS.staleAfterMs,
    backoff: o.backoff ?? FEED_DEFAULTS.backoff,
    seed: o.seed ?? FEED_DEFAULTS.seed,
    buffer: o.buffer ?? FEED_DEFAULTS.buffer,
    restLimit: o.restLimit ?? FEED_DEFAULTS.restLimit,
  };
}
