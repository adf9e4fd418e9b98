// hand-written (not generated): the session VWAP needs timestamps.
import { readFileSync } from "node:fs";
import { ValidationError } from "@quantkit/core";
import { describe, expect, it } from "vitest";
import type { BarInput, StreamingIndicator } from "../indicator.js";
import { indicatorContract } from "../testing/contract.js";
import { testDataPath } from "../testing/data.js";
import { expectMatchesGolden } from "../testing/golden.js";
import { Vwap, type VwapOptions, vwap } from "./vwap.js";

const HOUR = 3_600_000;
const tsOf = (n: number) => Float64Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * HOUR);

/** Hourly bars (sessions every 24 bars) fed to the contract, which has no timestamps of its own. */
function withClock(inner: Vwap): StreamingIndicator<BarInput> {
  let i = 0;
  const bar = { ts: 0, high: 0, low: 0, close: 0, volume: 0 };
  const fill = (b: BarInput) => {
    bar.ts = 1_700_000_000_000 + i * HOUR;
    bar.high = b.high;
    bar.low = b.low;
    bar.close = b.close;
    bar.volume = b.volume ?? Number.NaN;
    return bar;
  };
  return {
    update: (b) => {
      const v = inner.update(fill(b));
      i++;
      return v;
    },
    peek: (b) => inner.peek(fill(b)),
    get value() {
      return inner.value;
    },
    get isReady() {
      return inner.isReady;
    },
    get lookback() {
      return inner.lookback;
    },
    reset: () => {
      i = 0;
      inner.reset();
    },
  };
}

indicatorContract({
  name: "vwap",
  input: "hlcv",
  vectorized: (b: { high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array }, o) =>
    vwap({ ...b, ts: tsOf(b.close.length) }, o),
  streaming: (o) => withClock(new Vwap(o)),
  options: [{}, { timezone: "America/New_York", price: "close" as const }],
  invalid: [
    { options: { timezone: "Mars/Olympus" }, path: "timezone" },
    { options: { anchor: "2d" }, path: "anchor" },
  ],
});

interface VwapFixture {
  ts: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
  cases: { options: Partial<VwapOptions>; sessions: number; output: (number | null)[] }[];
}

describe("vwap", () => {
  const fx = JSON.parse(readFileSync(testDataPath("mvs/vwap.json"), "utf8")) as VwapFixture;
  const bars = {
    ts: Float64Array.from(fx.ts),
    high: Float64Array.from(fx.high),
    low: Float64Array.from(fx.low),
    close: Float64Array.from(fx.close),
    volume: Float64Array.from(fx.volume),
  };

  it("vwap(bars, {timezone, anchor, sessionOffsetMs}) matches pandas groupby(session).cumsum on EURUSD 1h across both DST changes", () => {
    for (const c of fx.cases) {
      const golden = Float64Array.from(c.output, (v) => (v === null ? Number.NaN : v));
      expectMatchesGolden(vwap(bars, c.options), golden, `VWAP ${JSON.stringify(c.options)}`);
      expect(c.sessions).toBeGreaterThan(c.options.anchor === "1w" ? 30 : 150);
    }
  });

  it("Vwap resets at the session boundary of its time zone (New York midnight, not UTC midnight)", () => {
    const v = new Vwap({ timezone: "America/New_York", price: "close" });
    const t0 = Date.UTC(2024, 0, 2, 3, 0); // 22:00 New York on Jan 1
    v.update({ ts: t0, high: 10, low: 10, close: 10, volume: 1 });
    expect(v.update({ ts: t0 + HOUR, high: 20, low: 20, close: 20, volume: 1 })).toBe(15); // 23:00 NY, same day
    expect(v.update({ ts: t0 + 2 * HOUR, high: 30, low: 30, close: 30, volume: 1 })).toBe(30); // 00:00 NY: new session
    const u = new Vwap({ price: "close" }); // UTC sessions: 03:00..05:00 UTC is one session
    u.update({ ts: t0, high: 10, low: 10, close: 10, volume: 1 });
    u.update({ ts: t0 + HOUR, high: 20, low: 20, close: 20, volume: 1 });
    expect(u.update({ ts: t0 + 2 * HOUR, high: 30, low: 30, close: 30, volume: 1 })).toBe(20);
  });

  it("vwap rejects timestamps that go backwards with a ValidationError naming the row (never reorders)", () => {
    const b = { ...bars, ts: bars.ts.slice(0, 10) };
    b.ts[7] = b.ts[3]!;
    const cut = {
      ts: b.ts,
      high: b.high.slice(0, 10),
      low: b.low.slice(0, 10),
      close: b.close.slice(0, 10),
      volume: b.volume.slice(0, 10),
    };
    expect(() => vwap(cut)).toThrow(ValidationError);
    expect(() => vwap(cut)).toThrow(/ts\[7\]/);
  });

  it("a zero-volume session start gives NaN (0/0), not a filled value", () => {
    const v = new Vwap();
    expect(Number.isNaN(v.update({ ts: 0, high: 1, low: 1, close: 1, volume: 0 }))).toBe(true);
    expect(v.update({ ts: 1, high: 2, low: 2, close: 2, volume: 2 })).toBe(2);
  });
});
