import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Ppo, ppo } from "./ppo.js";

indicatorContract({
  name: "ppo",
  input: "close",
  vectorized: ppo,
  streaming: (o) => new Ppo(o),
  options: [
    { fastPeriod: 3, slowPeriod: 8 },
    { fastPeriod: 5, slowPeriod: 3, maType: "ema" },
  ],
  invalid: [{ options: { slowPeriod: 0 }, path: "slowPeriod" }],
});

describe("ppo", () => {
  it("ppo(…) matches TA-Lib PPO on real series after the lookback", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(
        ppo(s.close, {}),
        talibFull("PPO", { inReal: s.close }, { optInFastPeriod: 12, optInSlowPeriod: 26, optInMAType: 0 })
          .outputs.outReal!,
        `${s.name} PPO optInFastPeriod: 12, optInSlowPeriod: 26, optInMAType: 0`,
      );
      expectMatchesTalib(
        ppo(s.close, { fastPeriod: 3, slowPeriod: 10, maType: "ema" }),
        talibFull("PPO", { inReal: s.close }, { optInFastPeriod: 3, optInSlowPeriod: 10, optInMAType: 1 })
          .outputs.outReal!,
        `${s.name} PPO optInFastPeriod: 3, optInSlowPeriod: 10, optInMAType: 1`,
      );
      expectMatchesTalib(
        ppo(s.close, { fastPeriod: 26, slowPeriod: 12, maType: "ema" }),
        talibFull("PPO", { inReal: s.close }, { optInFastPeriod: 26, optInSlowPeriod: 12, optInMAType: 1 })
          .outputs.outReal!,
        `${s.name} PPO optInFastPeriod: 26, optInSlowPeriod: 12, optInMAType: 1`,
      );
    }
  });
});
