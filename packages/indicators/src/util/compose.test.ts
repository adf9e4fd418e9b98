import { describe, expect, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Ema, ema } from "../trend/ema.js";
import { Sma, sma } from "../trend/sma.js";
import { Atr, atr } from "../volatility/atr.js";
import { Chain, skipWarmup } from "./compose.js";

indicatorContract({
  name: "ema∘sma (Chain / skipWarmup)",
  input: "close",
  vectorized: (x: Float64Array, o: { a: number; b: number }) =>
    skipWarmup(sma(x, { period: o.a }), (y) => ema(y, { period: o.b })),
  streaming: (o) => new Chain(new Sma({ period: o.a }), new Ema({ period: o.b })),
  options: [
    { a: 2, b: 2 },
    { a: 5, b: 3 },
  ],
});

indicatorContract({
  name: "ema∘atr (bar indicator chained)",
  input: "hlc",
  vectorized: (
    bars: { high: Float64Array; low: Float64Array; close: Float64Array },
    o: { a: number; b: number },
  ) => skipWarmup(atr(bars, { period: o.a }), (y) => ema(y, { period: o.b })),
  streaming: (o) => new Chain(new Atr({ period: o.a }), new Ema({ period: o.b })),
  options: [{ a: 3, b: 4 }],
});

describe("composition", () => {
  it("skipWarmup(sma(x), ema) equals TA-Lib EMA run on TA-Lib SMA's output (indicator of an indicator)", () => {
    const s = realSeries()[0]!;
    const inner = talibFull("SMA", { inReal: s.close }, { optInTimePeriod: 10 });
    const innerValid = inner.outputs.outReal!.subarray(inner.begIndex);
    const outer = talibFull("EMA", { inReal: innerValid }, { optInTimePeriod: 7 }).outputs.outReal!;
    const ours = skipWarmup(sma(s.close, { period: 10 }), (y) => ema(y, { period: 7 }));
    expectMatchesTalib(ours.subarray(inner.begIndex), outer, "EMA(SMA(close,10),7)");
  });

  it("without skipWarmup an SMA-seeded EMA of a warm-up series is all NaN (why the helper exists)", () => {
    const x = sma(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8]), { period: 3 });
    expect(ema(x, { period: 2 }).every((v) => Number.isNaN(v))).toBe(true);
    expect(Number.isNaN(skipWarmup(x, (y) => ema(y, { period: 2 }))[3]!)).toBe(false);
  });
});
