// Public exports of the volatility family (explicit names, one line per indicator).

export type { AtrOptions } from "./atr.js";
export { Atr, atr, atrOptions } from "./atr.js";
export type { GarmanKlassOptions } from "./garmanKlass.js";
export { GarmanKlass, garmanKlass, garmanKlassOptions } from "./garmanKlass.js";
export type { HistoricalVolatilityOptions } from "./historicalVolatility.js";
export {
  HistoricalVolatility,
  historicalVolatility,
  historicalVolatilityOptions,
} from "./historicalVolatility.js";
export type { NatrOptions } from "./natr.js";
export { Natr, natr, natrOptions } from "./natr.js";
export type { ParkinsonOptions } from "./parkinson.js";
export { Parkinson, parkinson, parkinsonOptions } from "./parkinson.js";
export type { RogersSatchellOptions } from "./rogersSatchell.js";
export { RogersSatchell, rogersSatchell, rogersSatchellOptions } from "./rogersSatchell.js";
export type { StddevOptions } from "./stddev.js";
export { Stddev, stddev, stddevOptions } from "./stddev.js";
export type { TrangeOptions } from "./trange.js";
export { Trange, trange, trangeOptions } from "./trange.js";
export type { VarianceOptions } from "./variance.js";
export { Variance, variance, varianceOptions } from "./variance.js";
export type { YangZhangOptions } from "./yangZhang.js";
export { YangZhang, yangZhang, yangZhangOptions } from "./yangZhang.js";
