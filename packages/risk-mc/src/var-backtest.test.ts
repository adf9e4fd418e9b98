import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { golden, orclReturns } from "../test-data/fixtures.js";
import { backtestVaR } from "./rolling-var.js";
import { christoffersenTest, kupiecTest } from "./var-backtest.js";

function close(actual: number, expected: number, tol = 1e-10) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

// biome-ignore lint/suspicious/noExplicitAny: golden JSON
function expectMatches(exc: Uint8Array | boolean[], level: number, g: any) {
  const k = kupiecTest(exc, { level });
  close(k.statistic, g.kupiec.statistic);
  close(k.pValue, g.kupiec.pValue);
  expect(k.exceptions).toBe(g.kupiec.exceptions);
  const c = christoffersenTest(exc, { level });
  expect([c.n00, c.n01, c.n10, c.n11]).toEqual([
    g.christoffersen.n00,
    g.christoffersen.n01,
    g.christoffersen.n10,
    g.christoffersen.n11,
  ]);
  close(c.independence.statistic, g.christoffersen.independence.statistic);
  close(c.independence.pValue, g.christoffersen.independence.pValue);
  close(c.conditionalCoverage.statistic, g.christoffersen.conditionalCoverage.statistic);
  close(c.conditionalCoverage.pValue, g.christoffersen.conditionalCoverage.pValue);
}

describe("kupiecTest / christoffersenTest vs scipy (golden.py)", () => {
  for (const [name, g] of Object.entries(golden.edgeCases)) {
    it(`edge case "${name}": statistics and χ² p-values match to 1e-10 and stay finite`, () => {
      // biome-ignore lint/suspicious/noExplicitAny: golden JSON
      const flags = Uint8Array.from((g as any).exceptions as number[]);
      expectMatches(flags, 0.99, g);
      expectMatches(
        Array.from(flags, (v) => v === 1),
        0.99,
        g,
      );
    });
  }

  it("no exceptions: LR_pof = −2T·ln(1 − p); all exceptions: LR_pof = −2T·ln p; LR_ind = 0 for both", () => {
    close(kupiecTest(new Uint8Array(250), { level: 0.99 }).statistic, -2 * 250 * Math.log(0.99), 1e-14);
    const all = new Uint8Array(40).fill(1);
    close(kupiecTest(all, { level: 0.99 }).statistic, -2 * 40 * Math.log(0.01), 1e-14);
    expect(christoffersenTest(all, { level: 0.99 }).independence.statistic).toBe(0);
    expect(christoffersenTest(new Uint8Array(30), { level: 0.99 }).independence.statistic).toBe(0);
  });

  it("rejects values other than 0/1 and empty input", () => {
    expect(() => kupiecTest(Uint8Array.from([0, 2]), { level: 0.99 })).toThrow(/exceptions\.1/);
    expect(() => christoffersenTest([], { level: 0.99 })).toThrow(/at least one/);
    expect(() => kupiecTest([true], { level: 1 })).toThrow(/level/);
  });

  it("property: statistics are ≥ 0, p-values in [0, 1], LR_cc = LR_pof + LR_ind", () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0.8, max: 0.999, noNaN: true }),
        (xs, level) => {
          const c = christoffersenTest(xs, { level });
          for (const t of [c.unconditional, c.independence, c.conditionalCoverage]) {
            expect(t.statistic).toBeGreaterThanOrEqual(0);
            expect(t.pValue).toBeGreaterThanOrEqual(0);
            expect(t.pValue).toBeLessThanOrEqual(1);
          }
          close(c.conditionalCoverage.statistic, c.unconditional.statistic + c.independence.statistic, 1e-12);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("backtestVaR on ORCL daily returns", () => {
  const r = orclReturns();
  it("rolling 250-day historical 99 % VaR: forecasts, exceptions and tests match golden.py", () => {
    const bt = backtestVaR(r, { window: 250, level: 0.99 });
    golden.rolling.forecastsHead.forEach((v: number, i: number) => {
      close(bt.forecasts[250 + i]!, v, 1e-14);
    });
    expect(Number.isNaN(bt.forecasts[249]!)).toBe(true);
    expect(bt.exceptionCount).toBe(golden.rolling.exceptionCount);
    expect(bt.exceptions.length).toBe(r.length - 250);
    expectMatches(bt.exceptions, 0.99, golden.rolling);
    close(bt.kupiec.statistic, golden.rolling.kupiec.statistic);
  });

  it("rolling 500-day historical 95 % VaR matches golden.py", () => {
    const bt = backtestVaR(r, { window: 500, level: 0.95 });
    expect(bt.exceptionCount).toBe(golden.rolling95.exceptionCount);
    expectMatches(bt.exceptions, 0.95, golden.rolling95);
  });

  it("a forecast never uses the return it is tested on (changing r[t] leaves forecast t unchanged)", () => {
    const x = Float64Array.from(r.subarray(0, 400));
    const a = backtestVaR(x, { window: 100, level: 0.95 });
    x[300] = -0.9;
    const b = backtestVaR(x, { window: 100, level: 0.95 });
    expect(b.forecasts[300]).toBe(a.forecasts[300]);
    expect(b.exceptions[200]).toBe(1);
    expect(b.forecasts[301]).not.toBe(a.forecasts[301]);
  });
});
