import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import {
  LinearReg,
  LinearRegAngle,
  LinearRegIntercept,
  LinearRegSlope,
  linearReg,
  linearRegAngle,
  linearRegIntercept,
  linearRegSlope,
  Tsf,
  tsf,
} from "./linearReg.js";

const family = [
  ["LINEARREG", linearReg, LinearReg],
  ["LINEARREG_SLOPE", linearRegSlope, LinearRegSlope],
  ["LINEARREG_INTERCEPT", linearRegIntercept, LinearRegIntercept],
  ["LINEARREG_ANGLE", linearRegAngle, LinearRegAngle],
  ["TSF", tsf, Tsf],
] as const;

for (const [_name, fn, Cls] of family) {
  indicatorContract({
    name: fn.name,
    input: "close",
    strictKeys: true,
    vectorized: fn,
    streaming: (o) => new Cls(o),
    options: [{ period: 2 }, { period: 14 }],
  });
}

describe("linear regression family", () => {
  for (const [name, fn] of family) {
    it(`${fn.name}(close, {period}) matches TA-Lib ${name} on real series`, () => {
      for (const s of realSeries()) {
        for (const period of [2, 14, 50]) {
          const t = talibFull(name, { inReal: s.close }, { optInTimePeriod: period });
          expectMatchesTalib(fn(s.close, { period }), t.outputs.outReal!, `${s.name} ${name}(${period})`);
        }
      }
    });
  }
});
