import { ValidationError } from "@quantkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, parseRunSpec, runKey } from "./runSpec.js";

const base = {
  strategy: "sma-cross",
  params: { fast: 5, slow: 20 },
  data: { kind: "synthetic", seed: 1, length: 500 },
} as const;

function shuffleKeys(v: unknown, rnd: () => number): unknown {
  if (Array.isArray(v)) return v.map((x) => shuffleKeys(x, rnd));
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v).sort(() => rnd() - 0.5);
    return Object.fromEntries(entries.map(([k, x]) => [k, shuffleKeys(x, rnd)]));
  }
  return v;
}

describe("runSpec", () => {
  it("parseRunSpec fills the defaults (engine, seed, costs)", () => {
    const s = parseRunSpec(base);
    expect(s.engine).toBe("vectorized");
    expect(s.seed).toBe(0);
    expect(s.options).toEqual({
      initialCash: 100_000,
      qty: 1,
      commission: { perShare: 0, bps: 0, flat: 0, minimum: 0 },
      slippageBps: 0,
    });
    expect(s.data).toEqual({
      kind: "synthetic",
      seed: 1,
      length: 500,
      symbol: "SYN",
      timeframe: "1m",
      start: 1.7e12,
    });
  });

  it("parseRunSpec names the offending field", () => {
    expect(() => parseRunSpec({ ...base, engine: "fast" })).toThrow(ValidationError);
    expect(() => parseRunSpec({ ...base, range: { start: 5, end: 1 } })).toThrow(/range\.start/);
    expect(() => parseRunSpec({ ...base, data: { kind: "csv", symbol: "X", timeframe: "1d" } })).toThrow(
      /data\.path/,
    );
    expect(() => parseRunSpec({ ...base, extra: 1 })).toThrow(ValidationError);
  });

  it("a spec survives a JSON round trip unchanged (serialisable)", () => {
    const s = parseRunSpec({ ...base, range: { start: 1, end: 2 }, options: { commission: { bps: 1 } } });
    expect(parseRunSpec(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it("runKey is a 64-hex SHA-256, equal with and without explicit defaults", () => {
    const k = runKey(base);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(runKey({ ...base, engine: "vectorized", seed: 0, options: { initialCash: 100_000 } })).toBe(k);
  });

  it("runKey changes with any parameter, the engine, the seed, the range or the data", () => {
    const k = runKey(base);
    const variants = [
      { ...base, params: { fast: 6, slow: 20 } },
      { ...base, engine: "event" as const },
      { ...base, seed: 1 },
      { ...base, range: { start: 0, end: 1e13 } },
      { ...base, data: { kind: "synthetic" as const, seed: 2, length: 500 } },
      { ...base, options: { slippageBps: 1 } },
    ];
    const keys = new Set([k, ...variants.map(runKey)]);
    expect(keys.size).toBe(variants.length + 1);
  });

  it("runKey does not depend on the order of object keys (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer(),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (fast, extra, seed, bps) => {
          const spec = {
            strategy: "sma-cross",
            engine: "event",
            params: { fast, slow: fast + extra, label: "x", flag: true },
            data: { kind: "store", symbol: "ORCL", timeframe: "1d", start: "2000-01-01" },
            seed,
            options: { slippageBps: bps, commission: { perShare: 0.005, minimum: 1 } },
          };
          let state = seed >>> 0;
          const rnd = () => {
            state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
            return state / 2 ** 32;
          };
          expect(runKey(shuffleKeys(spec, rnd) as typeof spec as never)).toBe(runKey(spec as never));
        },
      ),
      { numRuns: 100 },
    );
  });

  it("canonicalJson sorts keys recursively and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 1, c: 0 }] })).toBe('{"a":[2,{"c":0,"d":1}],"b":1}');
  });
});
