/**
 * A simulation kernel: fills items `[start, end)` of its outputs from `params`. Item `i` must depend only on
 * `params` and `i` (it seeds its randomness with stream `i`), so any split of the range over workers gives the
 * same numbers. Outputs are views the caller allocated (on a `SharedArrayBuffer` when workers are used).
 */
export type Kernel<P> = (params: P, start: number, end: number, out: Record<string, Float64Array>) => void;
