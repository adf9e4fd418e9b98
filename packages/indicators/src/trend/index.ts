export type { EmaOptions } from "./ema.js";
export { Ema, ema, emaOptions } from "./ema.js";
export type { SmaOptions } from "./sma.js";
export { Sma, sma, smaLookback, smaOptions } from "./sma.js";
