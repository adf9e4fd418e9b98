/**
 * The shared test table of BETA and CORREL (one kernel, {@link PairIndicator}): contract properties on
 * `(high, low)` pairs and the TA-Lib oracle on the real series for each period, as TA-Lib's own tests feed them.
 */
import { describe, it } from "vitest";
import { indicatorContract } from "../../testing/contract.js";
import { realSeries } from "../../testing/data.js";
import { expectMatchesTalib, talibFull } from "../../testing/talib.js";
import { pairContractFaces } from "../pairContract.js";
import type { PairIndicator } from "./pairSums.js";

type PeriodOptions = { period?: number };

/** Registers the contract (`contractPeriods`) and the TA-Lib comparison (`talibPeriods`) of a pair indicator. */
export function pairIndicatorTests(
  name: string,
  talibName: "BETA" | "CORREL",
  vectorized: (x: Float64Array, y: Float64Array, options?: PeriodOptions) => Float64Array,
  make: (options?: PeriodOptions) => PairIndicator,
  contractPeriods: readonly number[],
  talibPeriods: readonly number[],
): void {
  indicatorContract({
    name,
    input: "hl",
    ...pairContractFaces(vectorized, make),
    options: contractPeriods.map((period) => ({ period })),
  });

  describe(name, () => {
    it(`${name}(…) matches TA-Lib ${talibName} on real series after the lookback`, () => {
      for (const s of realSeries()) {
        for (const period of talibPeriods) {
          expectMatchesTalib(
            vectorized(s.high, s.low, { period }),
            talibFull(talibName, { inReal0: s.high, inReal1: s.low }, { optInTimePeriod: period }).outputs
              .outReal!,
            `${s.name} ${talibName} optInTimePeriod: ${period}`,
          );
        }
      }
    });
  });
}
