/**
 * Test helper (imported by `correl.test.ts` and `beta.test.ts` only): adapts a two-series indicator to the shared
 * contract's bar input, using `high` as the first series (`x`) and `low` as the second (`y`), as TA-Lib's own
 * BETA/CORREL regression tests do.
 */
import type { BarInput, StreamingIndicator } from "../indicator.js";
import type { PairInput } from "./correl.js";

interface PairIndicator extends StreamingIndicator<PairInput> {
  step(x: number, y: number): number;
}

/** The `vectorized` and `streaming` faces of a pair indicator, fed `(high, low)`. */
export function pairContractFaces<O>(
  vectorized: (x: Float64Array, y: Float64Array, options: O) => Float64Array,
  make: (options: O) => PairIndicator,
): {
  vectorized: (bars: { high: Float64Array; low: Float64Array }, options: O) => Float64Array;
  streaming: (options: O) => StreamingIndicator<BarInput>;
} {
  return {
    vectorized: (bars, options) => vectorized(bars.high, bars.low, options),
    streaming: (options) => {
      const inner = make(options);
      return {
        update: (b: BarInput) => inner.step(b.high, b.low),
        peek: (b: BarInput) => inner.peek({ x: b.high, y: b.low }),
        get value() {
          return inner.value;
        },
        get isReady() {
          return inner.isReady;
        },
        get lookback() {
          return inner.lookback;
        },
        reset: () => inner.reset(),
      };
    },
  };
}
