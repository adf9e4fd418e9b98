import { talibRegtest } from "../testing/talibRegtest.js";
import { atr } from "./atr.js";
import { natr } from "./natr.js";
import { stddev } from "./stddev.js";
import { trange } from "./trange.js";

talibRegtest("volatility", {
  TRANGE: (_c, d) => [trange(d)],
  ATR: (c, d) => [atr(d, { period: c.optInTimePeriod })],
  NATR: (c, d) => [natr(d, { period: c.optInTimePeriod1 as number })],
  STDDEV: (c, d) => [stddev(d.close, { period: c.optInTimePeriod, nbDev: c.optInNbDeviation_1 as number })],
});
