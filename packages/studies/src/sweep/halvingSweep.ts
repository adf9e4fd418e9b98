import { type Bars, QuantkitError } from "@quantkit/core";
import type { HalvingResult } from "../space/successiveHalving.js";
import { halvingOnPool, type SweepRuntime } from "./runSweep.js";
import { parseSweepConfig, type SweepConfigInput } from "./sweepConfig.js";

/**
 * A successive-halving sweep returning the halving outcome (every rung's candidates and scores): the candidates
 * (`search: { kind: "halving" }`: the whole grid or `n` seeded random draws; or `{ kind: "random", n, seed }`) are
 * scored on the first 1/eta^(R−1) of the bars, the best ⌈k/eta⌉ re-run on eta times more bars, and so on up to all
 * of them (see `successiveHalving`). Every rung is a `runSweep` over a `range` ending at that fraction, into
 * the same results table (so it is resumable and every run is tracked like any other). `runSweep` with a halving
 * search does the same and returns a `SweepSummary`.
 *
 * @param config - the sweep configuration (its search must be `halving` or `random`).
 * @param runtime - as `runSweep`'s, plus `eta`: keep the top 1/eta per rung (default: the search's `eta`, else 3).
 * @example
 * const r = await halvingSweep({ strategy: "sma-cross", data, search: { kind: "random", n: 81, seed: 1 }, out: "out/sh" });
 * r.best // → { params: { fast: 15, slow: 120 }, score: 0.41 }
 * @see Jamieson & Talwalkar (2016); Li et al., "Hyperband" (JMLR 2018)
 */
export async function halvingSweep(
  config: SweepConfigInput,
  runtime: Omit<SweepRuntime, "candidates" | "bars"> & { bars?: Bars; eta?: number } = {},
): Promise<HalvingResult> {
  const c = parseSweepConfig(config);
  if (c.search.kind === "grid")
    throw new QuantkitError(
      'halvingSweep needs search: { kind: "halving", n?, seed, eta } or { kind: "random", n, seed } (got kind "grid")',
    );
  const { result } = await halvingOnPool(c, runtime);
  if (result === undefined) throw new QuantkitError("halvingSweep: aborted before the last rung");
  return result;
}
