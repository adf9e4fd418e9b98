import { type RegtestCase, type RegtestResult, talibRegtest } from "../testing/talibRegtest.js";
import { ema } from "./ema.js";
import { sma } from "./sma.js";

const metastockEma = (c: RegtestCase): RegtestResult | undefined =>
  c.compatibility === "TA_COMPATIBILITY_METASTOCK"
    ? {
        skip: "MetaStock compatibility (TA_SetCompatibility global state) seeds EMAs differently; not modelled",
      }
    : undefined;

talibRegtest("trend", {
  "MA(SMA)": (c, d) => [sma(d.close, { period: c.optInTimePeriod })],
  "MA(EMA)": (c, d) => metastockEma(c) ?? [ema(d.close, { period: c.optInTimePeriod })],
});
