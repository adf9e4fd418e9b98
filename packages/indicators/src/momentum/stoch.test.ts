import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Stoch, stoch } from "./stoch.js";

indicatorContract({
  name: "stoch",
  input: "hlc",
  vectorized: stoch,
  streaming: (o) => new Stoch(o),
  options: [
    { fastKPeriod: 5, slowKPeriod: 3, slowDPeriod: 3 },
    { fastKPeriod: 4, slowKPeriod: 2, slowKMaType: "ema", slowDPeriod: 3, slowDMaType: "ema" },
  ],
  outputs: ["slowK", "slowD"],
  invalid: [
    { options: { fastKPeriod: 0 }, path: "fastKPeriod" },
    { options: { slowKMaType: "wma" }, path: "slowKMaType" },
  ],
});

describe("stoch", () => {
  it("stoch(…) matches TA-Lib STOCH (SMA or SMA-seeded EMA smoothing) on real series after the lookback", () => {
    for (const s of realSeries()) {
      {
        const ours = stoch(s, {});
        const t = talibFull("STOCH", s, {
          optInFastK_Period: 5,
          optInSlowK_Period: 3,
          optInSlowK_MAType: 0,
          optInSlowD_Period: 3,
          optInSlowD_MAType: 0,
        }).outputs;
        expectMatchesTalib(
          ours.slowK,
          t.outSlowK!,
          `${s.name} STOCH slowK optInFastK_Period: 5, optInSlowK_Period: 3, optInSlowK_MAType: 0, optInSlowD_Period: 3, optInSlowD_MAType: 0`,
        );
        expectMatchesTalib(
          ours.slowD,
          t.outSlowD!,
          `${s.name} STOCH slowD optInFastK_Period: 5, optInSlowK_Period: 3, optInSlowK_MAType: 0, optInSlowD_Period: 3, optInSlowD_MAType: 0`,
        );
      }
      {
        const ours = stoch(s, {
          fastKPeriod: 14,
          slowKPeriod: 3,
          slowKMaType: "ema",
          slowDPeriod: 5,
          slowDMaType: "ema",
        });
        const t = talibFull("STOCH", s, {
          optInFastK_Period: 14,
          optInSlowK_Period: 3,
          optInSlowK_MAType: 1,
          optInSlowD_Period: 5,
          optInSlowD_MAType: 1,
        }).outputs;
        expectMatchesTalib(
          ours.slowK,
          t.outSlowK!,
          `${s.name} STOCH slowK optInFastK_Period: 14, optInSlowK_Period: 3, optInSlowK_MAType: 1, optInSlowD_Period: 5, optInSlowD_MAType: 1`,
        );
        expectMatchesTalib(
          ours.slowD,
          t.outSlowD!,
          `${s.name} STOCH slowD optInFastK_Period: 14, optInSlowK_Period: 3, optInSlowK_MAType: 1, optInSlowD_Period: 5, optInSlowD_MAType: 1`,
        );
      }
      {
        const ours = stoch(s, { fastKPeriod: 1, slowKPeriod: 1, slowDPeriod: 1 });
        const t = talibFull("STOCH", s, {
          optInFastK_Period: 1,
          optInSlowK_Period: 1,
          optInSlowK_MAType: 0,
          optInSlowD_Period: 1,
          optInSlowD_MAType: 0,
        }).outputs;
        expectMatchesTalib(
          ours.slowK,
          t.outSlowK!,
          `${s.name} STOCH slowK optInFastK_Period: 1, optInSlowK_Period: 1, optInSlowK_MAType: 0, optInSlowD_Period: 1, optInSlowD_MAType: 0`,
        );
        expectMatchesTalib(
          ours.slowD,
          t.outSlowD!,
          `${s.name} STOCH slowD optInFastK_Period: 1, optInSlowK_Period: 1, optInSlowK_MAType: 0, optInSlowD_Period: 1, optInSlowD_MAType: 0`,
        );
      }
    }
  });
});
