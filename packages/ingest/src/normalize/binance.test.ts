import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binanceAggTrade, fastBinanceAggTrade, normalizeBinance } from "./binance.js";
import { fieldValues, mutants } from "./mutants.testutil.js";

const valid = {
  e: "aggTrade",
  E: 123456789,
  s: "BTCUSDT",
  a: 5933014,
  p: "0.001",
  q: "100",
  f: 100,
  l: 105,
  T: 123456785,
  m: true,
};

describe("fastBinanceAggTrade (hand-written hot path)", () => {
  it("accepts exactly what the zod schema accepts, and normalizes identically", () => {
    const field = fieldValues(["00.10", "-1", "9682.19", true, false, null, "aggTrade", "trade"]);
    const mutant = mutants(valid, field);
    fc.assert(
      fc.property(fc.oneof(mutant, fc.anything()), (m) => {
        const fast = fastBinanceAggTrade(m);
        const z = binanceAggTrade.safeParse(m);
        if (z.success !== (fast !== null)) return false;
        if (z.success) expect(fast).toEqual(normalizeBinance(z.data));
        return true;
      }),
      { numRuns: 5000 },
    );
  });
});
