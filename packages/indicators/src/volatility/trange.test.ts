import { describe, it } from "vitest";
import { indicatorContract } from "../testing/contract.js";
import { realSeries } from "../testing/data.js";
import { expectMatchesTalib, talibFull } from "../testing/talib.js";
import { Trange, trange } from "./trange.js";

indicatorContract({
  name: "trange",
  input: "hlc",
  strictKeys: true,
  vectorized: trange,
  streaming: (o) => new Trange(o),
  options: [{}],
});

describe("trange", () => {
  it("trange(bars) matches TA-Lib TRANGE on real series (lookback 1)", () => {
    for (const s of realSeries()) {
      expectMatchesTalib(trange(s), talibFull("TRANGE", s).outputs.outReal!, `${s.name} TRANGE`);
    }
  });
});
