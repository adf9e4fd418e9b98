import { resolve } from "node:path";
import { fingerprintBars } from "@quantkit/backtest";
import { type Bars, QuantkitError } from "@quantkit/core";
import type { Catalog } from "../catalog/catalog.js";
import { rangeIndices } from "../run/executeRun.js";
import { runKey } from "../run/runSpec.js";
import { grid, type Params, randomSearch } from "../space/paramSpace.js";
import { type HalvingResult, successiveHalving } from "../space/successiveHalving.js";
import { readMetrics } from "./resultsTable.js";
import type { SweepProgress } from "./runSweep.js";
import {
  type SweepConfig,
  studyId,
  sweepIdentity,
  sweepMinimize,
  sweepRunSpec,
  sweepSpace,
} from "./sweepConfig.js";
import { type HalvingRungSummary, SweepSummary, TopRuns } from "./sweepSummary.js";

/**
 * Runs one rung of a successive-halving sweep: `config` (the sweep's, with the rung's prefix `range`) over exactly
 * `candidates`, in this order, into the config's results table (`runSweep` or `runSweepOnNats` with `candidates`).
 */
export type HalvingRungRunner = (
  config: SweepConfig,
  candidates: readonly Params[],
  onProgress: (p: SweepProgress) => void,
) => Promise<SweepSummary>;

/** Extra inputs of {@link sweepByHalving}. */
export interface HalvingRungsOptions {
  /** Overrides the search's `eta` (a `random` search has none). @default the search's, else 3 */
  readonly eta?: number;
  /** Record the halving study (config, data fingerprint, summary); each rung's runner records its own runs. */
  readonly catalog?: Catalog;
  /** Progress over all rungs (the total is the planned number of runs of every rung). */
  readonly onProgress?: (p: SweepProgress) => void;
  /** Milliseconds clock for timings (default `performance.now`). */
  readonly now?: () => number;
}

/** What {@link sweepByHalving} did: the halving outcome (undefined when aborted) and a sweep summary of all rungs. */
export interface HalvingSweepOutcome {
  readonly result: HalvingResult | undefined;
  readonly summary: SweepSummary;
}

const ABORTED = Symbol("aborted");

/** Candidates per rung that successive halving plans for `k` candidates (the last rung runs on all the bars). */
function plannedRungs(k: number, eta: number): number[] {
  const rungs = Math.max(1, Math.floor(Math.log(k) / Math.log(eta) + 1e-9) + 1);
  const out = [k];
  for (let r = 1; r < rungs && k > 1; r++) out.push((k = Math.max(1, Math.ceil(k / eta))));
  return out;
}

/**
 * Executes a sweep config whose search is successive halving (`{ kind: "halving", n?, seed, eta }`, or a `random`
 * search with an `eta`): the candidates (the whole grid, or `n` seeded random draws) are run on the first
 * 1/eta^(R−1) of the sweep's bars (its `range`, else all), the best ⌈k/eta⌉ by the objective on eta times more, and so
 * on; the last rung runs on all of them. Each rung is a sweep over a prefix `range` run by `runRung` into the same
 * results table, so the study is resumable and tracked like any sweep; scores are read back from the table.
 *
 * @param c - a parsed sweep config (`search.kind` "halving" or "random").
 * @param bars - the sweep's bars (for the rungs' cut points and the fingerprint).
 * @param runRung - executes one rung ({@link HalvingRungRunner}).
 * @returns the halving outcome and a {@link SweepSummary} whose `top` is the last rung's runs and whose `halving`
 *   lists the rungs (`fullLengthRuns` = runs on all the bars).
 * @example
 * const { summary } = await sweepByHalving(c, bars, (rc, cands, p) => runSweep(rc, { bars, candidates: cands, onProgress: p }));
 * summary.halving?.fullLengthRuns // → 3 for 27 candidates and eta 3 (27 → 9 → 3)
 * @see Jamieson & Talwalkar, "Non-stochastic Best Arm Identification and Hyperparameter Optimization", AISTATS 2016
 */
export async function sweepByHalving(
  c: SweepConfig,
  bars: Bars,
  runRung: HalvingRungRunner,
  o: HalvingRungsOptions = {},
): Promise<HalvingSweepOutcome> {
  const now = o.now ?? (() => performance.now());
  const t0 = now();
  const s = c.search;
  if (s.kind === "grid")
    throw new QuantkitError(
      'successive halving needs search: { kind: "halving" } or { kind: "random", n, seed }',
    );
  const eta = o.eta ?? (s.kind === "halving" ? s.eta : 3);
  const space = sweepSpace(c);
  const minimize = sweepMinimize(c);
  const candidates =
    s.kind === "halving" && s.n === undefined ? [...grid(space)] : randomSearch(space, s.n!, s.seed);
  const [lo, hi] =
    c.range !== undefined ? rangeIndices(bars.ts, c.range.start, c.range.end) : [0, bars.length];
  if (hi <= lo) throw new QuantkitError(`successive halving: no bars in the sweep's range`);
  const id = studyId(c);
  const catalog = o.catalog;
  if (catalog !== undefined)
    await catalog.recordStudy({ id, name: c.study, kind: "sweep", config: c, data: [fingerprintBars(bars)] });
  // planned runs and work (bars simulated) of every rung, for the progress total and a bar-weighted ETA
  const sizes = plannedRungs(candidates.length, eta);
  const rungBars = sizes.map((_, r) => Math.max(1, Math.round(eta ** -(sizes.length - 1 - r) * (hi - lo))));
  const planned = sizes.reduce((a, b) => a + b, 0);
  const plannedWork = sizes.reduce((a, k, r) => a + k * rungBars[r]!, 0);
  const work = { done: 0, executed: 0 };
  const tStart = now();

  const rungs: HalvingRungSummary[] = [];
  const counts = { total: 0, executed: 0, skipped: 0, failed: 0, workers: 0, runMs: 0 };
  let last = new TopRuns(c.objective, minimize);
  let result: HalvingResult | undefined;
  let aborted = false;
  try {
    result = await successiveHalving(space, {
      candidates,
      seed: s.seed,
      eta,
      minimize,
      evaluate: async (cands, fraction) => {
        const cut = lo + Math.max(1, Math.round(fraction * (hi - lo)));
        const end = cut >= bars.length ? bars.ts[bars.length - 1]! + 1 : bars.ts[cut]!;
        const rc: SweepConfig = { ...c, range: { start: bars.ts[lo]!, end } };
        const before = counts.executed + counts.skipped;
        const rb = cut - lo;
        const r = await runRung(rc, cands, (p) => {
          const executedWork = work.executed + p.executed * rb;
          const elapsedMs = now() - tStart;
          o.onProgress?.({
            done: before + p.done,
            total: planned,
            skipped: counts.skipped + p.skipped,
            executed: counts.executed + p.executed,
            failed: counts.failed + p.failed,
            elapsedMs,
            etaMs:
              executedWork > 0
                ? (elapsedMs / executedWork) * Math.max(0, plannedWork - work.done - p.done * rb)
                : Number.NaN,
          });
        });
        work.done += (r.executed + r.skipped) * rb;
        work.executed += r.executed * rb;
        counts.total += r.total;
        counts.executed += r.executed;
        counts.skipped += r.skipped;
        counts.failed += r.failed;
        counts.workers = Math.max(counts.workers, r.workers);
        counts.runMs += r.timings.runMs;
        rungs.push({
          fraction,
          bars: cut - lo,
          candidates: cands.length,
          executed: r.executed,
          skipped: r.skipped,
        });
        if (r.aborted) throw ABORTED;
        const keys = cands.map((p) => runKey(sweepRunSpec(rc, p)));
        const metrics = await readMetrics(c.out, keys);
        const top = new TopRuns(c.objective, minimize);
        const scores = keys.map((key, i) => {
          const m = metrics.get(key) ?? null;
          top.add({ key, seq: i, params: cands[i]!, metrics: m });
          return m === null ? Number.NaN : m[c.objective];
        });
        last = top;
        return scores;
      },
    });
  } catch (e) {
    if (e !== ABORTED) throw e;
    aborted = true;
  }
  const finalRung = rungs.at(-1);
  const tEnd = now();
  const summary = new SweepSummary({
    ...sweepIdentity(c),
    out: resolve(c.out, "results"),
    total: counts.total,
    executed: counts.executed,
    skipped: counts.skipped,
    failed: counts.failed,
    aborted,
    workers: counts.workers,
    bars: hi - lo,
    top: aborted ? [] : last.list,
    halving: {
      eta,
      rungs,
      fullLengthRuns:
        !aborted && finalRung !== undefined && finalRung.fraction >= 1 ? finalRung.candidates : 0,
    },
    timings: { loadMs: 0, poolStartMs: 0, runMs: counts.runMs, totalMs: tEnd - t0 },
  });
  if (catalog !== undefined)
    await catalog.finishStudy(id, aborted ? "aborted" : "complete", summary.toJSON());
  return { result, summary };
}
