// Public exports of the statistics family (explicit names, one line per indicator).
export { AvgPrice, avgPrice, avgPriceOptions } from "./avgPrice.js";
export { Beta, type BetaOptions, beta, betaOptions } from "./beta.js";
export { Correl, type CorrelOptions, correl, correlOptions, type PairInput } from "./correl.js";
export { LogReturns, type LogReturnsOptions, logReturns, logReturnsOptions } from "./logReturns.js";
export { Median, type MedianOptions, median, medianOptions } from "./median.js";
export { MedPrice, medPrice, medPriceOptions } from "./medPrice.js";
export { Quantile, type QuantileOptions, quantile, quantileOptions } from "./quantile.js";
export { Returns, type ReturnsOptions, returns, returnsOptions } from "./returns.js";
export { RollingMax, type RollingMaxOptions, rollingMax, rollingMaxOptions } from "./rollingMax.js";
export {
  RollingMaxIndex,
  type RollingMaxIndexOptions,
  rollingMaxIndex,
  rollingMaxIndexOptions,
} from "./rollingMaxIndex.js";
export { RollingMin, type RollingMinOptions, rollingMin, rollingMinOptions } from "./rollingMin.js";
export {
  RollingMinIndex,
  type RollingMinIndexOptions,
  rollingMinIndex,
  rollingMinIndexOptions,
} from "./rollingMinIndex.js";
export { TypPrice, typPrice, typPriceOptions } from "./typPrice.js";
export { WclPrice, wclPrice, wclPriceOptions } from "./wclPrice.js";
export { ZScore, type ZScoreOptions, zScore, zScoreOptions } from "./zScore.js";
