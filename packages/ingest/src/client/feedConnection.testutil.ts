import type { FeedConnectionOptions } from "./feedConnection.js";

/**
 * Test helper: options of a {@link FeedConnection} that is never started (events are pushed by hand): a closed
 * port, seed 7, a 3-event buffer under policy `drop`, one symbol `X`, no-op callbacks.
 * @example
 * new FeedConnection<number>({ ...TEST_CONNECTION, buffer: { capacity: 10, policy: "pause" } }, clock, metrics)
 */
export const TEST_CONNECTION: FeedConnectionOptions = {
  wsUrl: "ws://127.0.0.1:9/",
  backoff: { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0.5 },
  seed: 7,
  staleAfterMs: 5000,
  checkEveryMs: 1000,
  ping: false,
  buffer: { capacity: 3, policy: "drop" },
  symbols: ["X"],
  onOpen: () => {},
  onMessage: () => {},
};
