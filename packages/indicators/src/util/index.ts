export { RollingExtremum } from "./deque.js";
export { nanArray, nonNegativeSchema, parseOptions, periodSchema, positiveSchema } from "./options.js";
export { RingBuffer } from "./ring.js";
export { CompensatedSum, fsum } from "./sum.js";
