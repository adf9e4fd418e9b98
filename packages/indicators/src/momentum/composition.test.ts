// hand-written: an indicator of an indicator, vectorized (skipWarmup) and as a streaming chain (Chain), both from
// src/util/compose.ts, applied to this family's indicators.
import { describe, expect, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Ema, ema } from "../trend/ema.js";
import { Sma, sma } from "../trend/sma.js";
import { Chain, skipWarmup } from "../util/compose.js";
import { Macd, macd } from "./macd.js";
import { Rsi, rsi } from "./rsi.js";

indicatorContract({
  name: "ema(rsi)",
  input: "close",
  vectorized: (c: Float64Array, o: { period: number; smooth: number }) =>
    skipWarmup(rsi(c, { period: o.period }), (r) => ema(r, { period: o.smooth })),
  streaming: (o) => new Chain(new Rsi({ period: o.period }), new Ema({ period: o.smooth })),
  options: [
    { period: 2, smooth: 2 },
    { period: 14, smooth: 9 },
  ],
});

indicatorContract({
  name: "sma(macd)",
  input: "close",
  vectorized: (c: Float64Array, o: { smooth: number }) =>
    skipWarmup(macd(c, { fastPeriod: 3, slowPeriod: 6, signalPeriod: 3 }).macd, (m) =>
      sma(m, { period: o.smooth }),
    ),
  streaming: (o) =>
    new Chain(new Macd({ fastPeriod: 3, slowPeriod: 6, signalPeriod: 3 }), new Sma({ period: o.smooth })),
  options: [{ smooth: 4 }],
});

describe("composition", () => {
  it("skipWarmup(rsi(close), ema) equals TA-Lib EMA run on TA-Lib RSI's output (an indicator of an indicator)", () => {
    for (const s of realSeries()) {
      const r = talibFull("RSI", { inReal: s.close }, { optInTimePeriod: 14 });
      const valid = r.outputs.outReal!.subarray(r.begIndex);
      const e = talibFull("EMA", { inReal: valid }, { optInTimePeriod: 9 }).outputs.outReal!;
      const expected = new Float64Array(s.close.length).fill(Number.NaN);
      expected.set(e, r.begIndex);
      const ours = skipWarmup(rsi(s.close, { period: 14 }), (x) => ema(x, { period: 9 }));
      expectMatchesTalib(ours, expected, `${s.name} EMA(9) of RSI(14)`);
    }
  });

  it("new Chain(new Rsi(), new Ema({ period: 9 })) has lookback 14 + 8 and stays in [0, 100]", () => {
    const c = new Chain(new Rsi({ period: 14 }), new Ema({ period: 9 }));
    expect(c.lookback).toBe(22);
    const s = realSeries()[0]!;
    for (let i = 0; i < s.close.length; i++) {
      const v = c.update(s.close[i]!);
      if (i < 22) expect(Number.isNaN(v)).toBe(true);
      else expect(v >= 0 && v <= 100).toBe(true);
    }
  });
});
