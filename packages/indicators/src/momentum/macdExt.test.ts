// hand-written
import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { MacdExt, macdExt } from "./macdExt.js";

indicatorContract({
  name: "macdExt",
  input: "close",
  vectorized: macdExt,
  streaming: (o) => new MacdExt(o),
  options: [
    { fastPeriod: 3, slowPeriod: 6, signalPeriod: 4 },
    {
      fastPeriod: 3,
      fastMaType: "ema" as const,
      slowPeriod: 6,
      slowMaType: "ema" as const,
      signalPeriod: 3,
      signalMaType: "ema" as const,
    },
  ],
  outputs: ["macd", "signal", "histogram"],
  invalid: [
    { options: { fastPeriod: 1 }, path: "fastPeriod" },
    { options: { signalMaType: "t3" }, path: "signalMaType" },
  ],
});

describe("macdExt", () => {
  it("macdExt(close, {…MaType}) matches TA-Lib MACDEXT for SMA/EMA combinations and swapped periods on real series", () => {
    const code = { sma: 0, ema: 1 } as const;
    const sets = [
      [12, "sma", 26, "sma", 9, "sma"],
      [12, "ema", 26, "ema", 9, "ema"],
      [5, "ema", 35, "sma", 5, "ema"],
      [30, "sma", 10, "ema", 4, "sma"],
    ] as const;
    for (const s of realSeries()) {
      for (const [fp, ft, sp, st, gp, gt] of sets) {
        const ours = macdExt(s.close, {
          fastPeriod: fp,
          fastMaType: ft,
          slowPeriod: sp,
          slowMaType: st,
          signalPeriod: gp,
          signalMaType: gt,
        });
        const t = talibFull(
          "MACDEXT",
          { inReal: s.close },
          {
            optInFastPeriod: fp,
            optInFastMAType: code[ft],
            optInSlowPeriod: sp,
            optInSlowMAType: code[st],
            optInSignalPeriod: gp,
            optInSignalMAType: code[gt],
          },
        ).outputs;
        const label = `${s.name} MACDEXT ${fp}${ft} ${sp}${st} ${gp}${gt}`;
        expectMatchesTalib(ours.macd, t.outMACD!, `${label} macd`);
        expectMatchesTalib(ours.signal, t.outMACDSignal!, `${label} signal`);
        expectMatchesTalib(ours.histogram, t.outMACDHist!, `${label} histogram`);
      }
    }
  });
});
