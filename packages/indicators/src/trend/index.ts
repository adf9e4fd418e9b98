// Public exports of the trend / overlap family (explicit names, one line per indicator).

export type { BbandsOptions, BbandsResult } from "./bbands.js";
export { Bbands, bbands, bbandsOptions } from "./bbands.js";
export type { DemaOptions } from "./dema.js";
export { Dema, dema, demaOptions } from "./dema.js";
export type { DonchianOptions, DonchianResult } from "./donchian.js";
export { Donchian, donchian, donchianOptions } from "./donchian.js";
export type { EmaOptions } from "./ema.js";
export { Ema, ema, emaOptions } from "./ema.js";
export type { HmaOptions } from "./hma.js";
export { Hma, hma, hmaOptions } from "./hma.js";
export type { IchimokuOptions, IchimokuResult } from "./ichimoku.js";
export { Ichimoku, ichimoku, ichimokuOptions } from "./ichimoku.js";
export type { KamaOptions } from "./kama.js";
export { Kama, kama, kamaOptions } from "./kama.js";
export type { KeltnerOptions, KeltnerResult } from "./keltner.js";
export { Keltner, keltner, keltnerOptions } from "./keltner.js";
export type { LinearRegOptions } from "./linearReg.js";
export {
  LinearReg,
  LinearRegAngle,
  LinearRegIntercept,
  LinearRegSlope,
  linearReg,
  linearRegAngle,
  linearRegIntercept,
  linearRegOptions,
  linearRegSlope,
  Tsf,
  tsf,
} from "./linearReg.js";
export type { SarOptions } from "./sar.js";
export { Sar, sar, sarOptions } from "./sar.js";
export type { SmaOptions } from "./sma.js";
export { Sma, sma, smaLookback, smaOptions } from "./sma.js";
export type { SupertrendOptions, SupertrendResult } from "./supertrend.js";
export { Supertrend, supertrend, supertrendOptions } from "./supertrend.js";
export type { T3Options } from "./t3.js";
export { T3, t3, t3Options } from "./t3.js";
export type { TemaOptions } from "./tema.js";
export { Tema, tema, temaOptions } from "./tema.js";
export type { TrimaOptions } from "./trima.js";
export { Trima, trima, trimaOptions } from "./trima.js";
export type { VwmaOptions } from "./vwma.js";
export { Vwma, vwma, vwmaOptions } from "./vwma.js";
export type { WmaOptions } from "./wma.js";
export { Wma, wma, wmaOptions } from "./wma.js";
