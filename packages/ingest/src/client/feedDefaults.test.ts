import { describe, expect, it } from "vitest";
import { backoffSchema, bufferSchema } from "./feedConnection.js";
import { FEED_DEFAULTS, withFeedDefaults } from "./feedDefaults.js";

describe("FEED_DEFAULTS and withFeedDefaults(options)", () => {
  it("the defaults are valid backoff and buffer settings", () => {
    expect(backoffSchema.safeParse(FEED_DEFAULTS.backoff).success).toBe(true);
    expect(bufferSchema.safeParse(FEED_DEFAULTS.buffer).success).toBe(true);
  });

  it("fills every missing shared option with its default, trims the REST URL's trailing slash, passes venue options through", () => {
    expect(withFeedDefaults({ restUrl: "https://fapi.binance.com/", symbols: ["BTCUSDT"] })).toEqual({
      restUrl: "https://fapi.binance.com",
      symbols: ["BTCUSDT"],
      staleAfterMs: 5000,
      backoff: { initialMs: 100, maxMs: 10_000, factor: 2, jitter: 0.5 },
      seed: 1,
      buffer: { capacity: 10_000, policy: "pause" },
      restLimit: 1000,
    });
  });

  it("keeps every given shared option (undefined counts as missing) and leaves a URL without trailing slash alone", () => {
    const given = {
      restUrl: "http://127.0.0.1:8080",
      staleAfterMs: 200,
      backoff: { initialMs: 10, maxMs: 100, factor: 3, jitter: 0 },
      seed: 9,
      buffer: { capacity: 5, policy: "drop" as const },
      restLimit: undefined,
    };
    expect(withFeedDefaults(given)).toEqual({ ...given, restLimit: 1000 });
  });
});
