export { Chain, skipWarmup } from "./compose.js";
export { RollingExtremum } from "./deque.js";
export type { AnyBarColumns, MutableBar, Updatable } from "./drive.js";
export { barsLength, driveBars, driveClose, forEachBar } from "./drive.js";
export { WindowMoments, WindowSum } from "./moments.js";
export { nanArray, nonNegativeSchema, parseOptions, periodSchema, positiveSchema } from "./options.js";
export { RingBuffer } from "./ring.js";
export { CompensatedSum, fsum } from "./sum.js";
