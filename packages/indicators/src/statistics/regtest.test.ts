import { talibRegtest } from "../testing/talibRegtest.js";
import { avgPrice } from "./avgPrice.js";
import { beta } from "./beta.js";
import { correl } from "./correl.js";
import { rollingMax } from "./rollingMax.js";
import { rollingMaxIndex } from "./rollingMaxIndex.js";
import { rollingMin } from "./rollingMin.js";
import { rollingMinIndex } from "./rollingMinIndex.js";

const num = (v: unknown): number => v as number;
const valueAt = (x: Float64Array, idx: Float64Array): Float64Array =>
  Float64Array.from(idx, (i) => (Number.isNaN(i) ? Number.NaN : x[i]!));

// Quirks from SOURCES.md: MIN/MAX-type cases feed the OPEN column; BETA/CORREL use high as x and low as y.
talibRegtest("statistics", {
  MIN: (c, d) => [rollingMin(d.open, { period: num(c.optInTimePeriod) })],
  MAX: (c, d) => [rollingMax(d.open, { period: num(c.optInTimePeriod) })],
  // TA-Lib's test_minmax.c value-checks only MIN and MAX; its MININDEX/MINMAXINDEX rows carry the MIN value
  // (91.125), so the index is checked through the value it points at. The MAXINDEX row (also 91.125, a copy of the
  // MIN row, never compared by TA-Lib) is not run; MAXINDEX is checked against the talib oracle in
  // rollingMaxIndex.test.ts instead.
  MININDEX: (c, d) => [valueAt(d.open, rollingMinIndex(d.open, { period: num(c.optInTimePeriod) }))],
  MINMAX: (c, d) => [
    rollingMin(d.open, { period: num(c.optInTimePeriod) }),
    rollingMax(d.open, { period: num(c.optInTimePeriod) }),
  ],
  MINMAXINDEX: (c, d) => [
    valueAt(d.open, rollingMinIndex(d.open, { period: num(c.optInTimePeriod) })),
    valueAt(d.open, rollingMaxIndex(d.open, { period: num(c.optInTimePeriod) })),
  ],
  CORREL: (c, d) => [correl(d.high, d.low, { period: num(c.optInTimePeriod) })],
  BETA: (c, d) => [beta(d.high, d.low, { period: num(c.optInTimePeriod) })],
  AVGPRICE: (_c, d) => [avgPrice(d)],
});
