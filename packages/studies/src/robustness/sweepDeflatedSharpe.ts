import type { Bars } from "@quantkit/core";
import { QuantkitError } from "@quantkit/core";
import { loadDataRef } from "../run/dataRef.js";
import { defaultPeriodsPerYear, executeRun } from "../run/executeRun.js";
import { parseRunSpec } from "../run/runSpec.js";
import { openResults } from "../sweep/resultsTable.js";
import { type DeflatedSharpeOverTrials, deflatedSharpeOverTrials } from "./deflatedSharpe.js";

/** Result of {@link sweepDeflatedSharpe}. */
export interface SweepDeflatedSharpe extends DeflatedSharpeOverTrials {
  /** Run key and params of the trial with the best Sharpe ratio (the one deflated). */
  readonly best: {
    readonly key: string;
    readonly params: Readonly<Record<string, number | string | boolean>>;
  };
  /** Rows of the results table without a finite Sharpe ratio (failed runs, runs that never traded): not counted. */
  readonly excluded: number;
}

/**
 * Deflated Sharpe ratio of a finished (or resumed) sweep, over the trials actually in its results table
 * (`<out>/results/*.parquet`, every part, resumed runs included): N = rows with a finite Sharpe, V = the variance of
 * their per-period Sharpe ratios (annualized Sharpe / √periodsPerYear), and the best trial re-executed from its
 * stored run spec to get its per-bar returns.
 *
 * @param out - the sweep's output folder.
 * @param bars - the bars the sweep's data ref resolves to (default: loaded from the best run's spec).
 * @example
 * (await sweepDeflatedSharpe("out/orcl-sweep")).deflatedSharpe; // → e.g. 0.81: not significant at 95 %
 * @see https://doi.org/10.3905/jpm.2014.40.5.094 (Bailey & López de Prado 2014)
 */
export async function sweepDeflatedSharpe(out: string, bars?: Bars): Promise<SweepDeflatedSharpe> {
  const con = await openResults(out);
  let rows: { key: string; sharpe: number | null; spec: string }[];
  try {
    const r = await con.runAndReadAll("SELECT key, sharpe, spec FROM results ORDER BY seq, key");
    rows = r.getRowObjectsJS() as typeof rows;
  } finally {
    con.closeSync();
  }
  const finite = rows.filter((r) => typeof r.sharpe === "number" && Number.isFinite(r.sharpe));
  if (finite.length < 2) {
    throw new QuantkitError(
      `sweepDeflatedSharpe: ${out} has ${finite.length} runs with a finite Sharpe (need ≥ 2)`,
    );
  }
  let best = finite[0]!;
  for (const r of finite) if (r.sharpe! > best.sharpe!) best = r;
  const spec = parseRunSpec(JSON.parse(best.spec));
  const data = bars ?? (await loadDataRef(spec.data));
  const ppy = spec.options.periodsPerYear ?? defaultPeriodsPerYear(data.timeframe);
  const run = executeRun(spec, data, { returns: true });
  if (run.key !== best.key) {
    throw new QuantkitError(
      `sweepDeflatedSharpe: re-running ${best.key} gave key ${run.key} (spec changed?)`,
    );
  }
  const d = deflatedSharpeOverTrials(
    run.returns!,
    finite.map((r) => r.sharpe! / Math.sqrt(ppy)),
  );
  return Object.assign(d, {
    best: { key: best.key, params: spec.params },
    excluded: rows.length - finite.length,
  });
}
