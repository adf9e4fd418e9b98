import { type Bars, QuantkitError } from "@quantkit/core";
import { RunPool } from "../pool/runPool.js";
import { loadDataRef } from "../run/dataRef.js";
import { parseRunSpec, runKey } from "../run/runSpec.js";
import type { Params } from "../space/paramSpace.js";
import { type HalvingResult, successiveHalving } from "../space/successiveHalving.js";
import { openResults } from "./resultsTable.js";
import { runSweep, type SweepRuntime, sweepSpace } from "./runSweep.js";
import { type Objective, parseSweepConfig, type SweepConfigInput } from "./sweepConfig.js";

const COLUMN: Record<Objective, string> = {
  sharpe: "sharpe",
  sortino: "sortino",
  totalReturn: "total_return",
  finalEquity: "final_equity",
  maxDrawdown: "max_drawdown",
  volatility: "volatility",
};

/**
 * A successive-halving sweep: `n` seeded random candidates scored on the first 1/eta^(R−1) of the bars, the best
 * ⌈k/eta⌉ re-run on eta times more bars, and so on up to all of them (see `successiveHalving`). Every rung is a
 * {@link runSweep} over a `range` ending at that fraction, into the same results table (so it is resumable and
 * every run is tracked like any other); the config's `search` must be `{ kind: "random", n, seed }` and gives the
 * candidates.
 *
 * @param eta - keep the top 1/eta per rung. Default 3.
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
  if (c.search.kind !== "random")
    throw new QuantkitError(
      `halvingSweep needs search: { kind: "random", n, seed } (got kind "${c.search.kind}")`,
    );
  const bars = runtime.bars ?? (await loadDataRef(c.data));
  const pool = runtime.pool ?? (await RunPool.create({ workers: c.workers ?? 2 }));
  const minimize = c.minimize ?? (c.objective === "maxDrawdown" || c.objective === "volatility");
  const first = bars.ts[0]!;
  try {
    return await successiveHalving(sweepSpace(c), {
      n: c.search.n,
      seed: c.search.seed,
      ...(runtime.eta !== undefined ? { eta: runtime.eta } : {}),
      minimize,
      evaluate: async (candidates: readonly Params[], fraction: number) => {
        const cut = Math.max(1, Math.round(fraction * bars.length));
        const end = cut >= bars.length ? bars.ts[bars.length - 1]! + 1 : bars.ts[cut]!;
        const range = { start: first, end };
        await runSweep({ ...config, range }, { ...runtime, pool, bars, candidates });
        const keys = candidates.map((params) =>
          runKey(
            parseRunSpec({
              strategy: c.strategy,
              engine: c.engine,
              params,
              data: c.data,
              range,
              seed: c.seed,
              options: c.options,
            }),
          ),
        );
        const con = await openResults(c.out);
        try {
          const r = await con.runAndReadAll(
            // keys are 64 hex characters: safe to inline
            `SELECT key, ${COLUMN[c.objective]} AS v FROM results WHERE key IN (${keys.map((k) => `'${k}'`).join(", ")})`,
          );
          const byKey = new Map<string, number>();
          for (const [k, v] of r.getRowsJS()) byKey.set(k as string, v === null ? Number.NaN : Number(v));
          return keys.map((k) => byKey.get(k) ?? Number.NaN);
        } finally {
          con.closeSync();
        }
      },
    });
  } finally {
    if (runtime.pool === undefined) await pool.close();
  }
}
