/**
 * The shared test table of APO and PPO (one kernel, {@link PriceOscillator}): contract properties and the TA-Lib
 * oracle on the real series for each parameter set, including a swapped fast/slow pair.
 */
import { describe, it } from "vitest";
import type { StreamingIndicator } from "../../indicator.js";
import { indicatorContract } from "../../testing/contract.js";
import { realSeries } from "../../testing/data.js";
import { expectMatchesTalib, talibFull } from "../../testing/talib.js";

type PoOptions = { fastPeriod?: number; slowPeriod?: number; maType?: "sma" | "ema" };

/** TA-Lib parameter sets compared on every real series. */
const talibCases: readonly [PoOptions, number, number, number][] = [
  [{}, 12, 26, 0],
  [{ fastPeriod: 3, slowPeriod: 10, maType: "ema" }, 3, 10, 1],
  [{ fastPeriod: 26, slowPeriod: 12, maType: "ema" }, 26, 12, 1],
];

/** Registers the contract and the TA-Lib comparison of APO (`talibName` "APO") or PPO ("PPO"). */
export function priceOscillatorTests(
  name: string,
  talibName: "APO" | "PPO",
  vectorized: (close: Float64Array, options?: PoOptions) => Float64Array,
  streaming: (options?: PoOptions) => StreamingIndicator<number>,
): void {
  indicatorContract({
    name,
    input: "close",
    vectorized,
    streaming,
    options: [
      { fastPeriod: 3, slowPeriod: 8 },
      { fastPeriod: 5, slowPeriod: 3, maType: "ema" },
    ],
    invalid: [
      { options: { fastPeriod: 1 }, path: "fastPeriod" },
      { options: { slowPeriod: 0 }, path: "slowPeriod" },
      { options: { maType: "kama" }, path: "maType" },
    ],
  });

  describe(name, () => {
    it(`${name}(…) matches TA-Lib ${talibName} on real series after the lookback`, () => {
      for (const s of realSeries()) {
        for (const [options, fast, slow, type] of talibCases) {
          const talibOptions = { optInFastPeriod: fast, optInSlowPeriod: slow, optInMAType: type };
          expectMatchesTalib(
            vectorized(s.close, options),
            talibFull(talibName, { inReal: s.close }, talibOptions).outputs.outReal!,
            `${s.name} ${talibName} ${JSON.stringify(talibOptions)}`,
          );
        }
      }
    });
  });
}
