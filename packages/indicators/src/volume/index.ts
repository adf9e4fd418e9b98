// Public exports of the volume family (explicit names, one line per indicator).
export { Ad, ad, adOptions } from "./ad.js";
export { AdOsc, type AdOscOptions, adOsc, adOscOptions } from "./adOsc.js";
export { Cmf, type CmfOptions, cmf, cmfOptions } from "./cmf.js";
export { Emv, type EmvOptions, emv, emvOptions, type HlvColumns } from "./emv.js";
export { ForceIndex, type ForceIndexOptions, forceIndex, forceIndexOptions } from "./forceIndex.js";
export { type CloseVolumeColumns, Obv, obv, obvOptions } from "./obv.js";
export {
  RollingVwap,
  type RollingVwapOptions,
  rollingVwap,
  rollingVwapOptions,
  vwapPrice,
} from "./rollingVwap.js";
export { Vwap, type VwapBarInput, type VwapColumns, type VwapOptions, vwap, vwapOptions } from "./vwap.js";
