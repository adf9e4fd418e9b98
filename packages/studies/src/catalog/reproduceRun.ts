import { fingerprintBars } from "@quantkit/backtest";
import type { Bars } from "@quantkit/core";
import { loadDataRef } from "../run/dataRef.js";
import { executeRun, type RunMetrics } from "../run/executeRun.js";
import { parseRunSpec, runKey } from "../run/runSpec.js";
import type { Catalog, RunRecord } from "./catalog.js";
import { codeVersion } from "./codeVersion.js";
import { diffValues, type FieldDiff } from "./compareRuns.js";

/** Result of {@link reproduceRun}. */
export interface Reproduction {
  readonly run: RunRecord;
  /** The metrics just computed. */
  readonly metrics: RunMetrics;
  /** Whether every metric is identical (bit for bit; NaN equals NaN). */
  readonly equal: boolean;
  /** Metrics that differ (recorded → reproduced). */
  readonly metricDiffs: readonly FieldDiff[];
  /** Whether the data loaded now has the recorded fingerprint. */
  readonly dataMatches: boolean;
  /** Whether the run key recomputed from the spec equals the recorded id. */
  readonly keyMatches: boolean;
  /** Code-version differences between the recording and now (informational). */
  readonly codeDiffs: readonly FieldDiff[];
  toString(): string;
}

/**
 * Re-executes a recorded run from its manifest (loads the data its spec names, checks the data fingerprint and
 * the run key, runs it) and checks that every metric equals the recorded one.
 *
 * @param bars - the bars to use instead of loading the spec's data (tests).
 * @example
 * (await reproduceRun(catalog, "3fa9c2")).equal // → true
 */
export async function reproduceRun(catalog: Catalog, id: string, bars?: Bars): Promise<Reproduction> {
  const run = await catalog.showRun(id);
  const spec = parseRunSpec(run.spec);
  const data = bars ?? (await loadDataRef(spec.data));
  const fp = fingerprintBars(data);
  const r = executeRun(spec, data);
  const metricDiffs = diffValues(run.metrics ?? {}, r.metrics, "metrics");
  const dataMatches = fp.sha256 === run.data.sha256;
  const keyMatches = runKey(spec) === run.id;
  const codeDiffs = diffValues(run.code, codeVersion(), "code");
  const equal = metricDiffs.length === 0;
  return {
    run,
    metrics: r.metrics,
    equal,
    metricDiffs,
    dataMatches,
    keyMatches,
    codeDiffs,
    toString: () =>
      [
        `run ${run.id.slice(0, 12)}: ${equal ? "REPRODUCED (all metrics identical)" : "DIFFERENT"}`,
        `  data fingerprint ${dataMatches ? "matches" : `differs (recorded ${run.data.sha256.slice(0, 12)}, now ${fp.sha256.slice(0, 12)})`}`,
        `  run key ${keyMatches ? "matches" : "differs"}`,
        ...metricDiffs.map((d) => `  ${d.field}: ${String(d.a)} → ${String(d.b)}`),
        codeDiffs.length === 0
          ? "  code: same version"
          : `  code: ${codeDiffs.map((d) => `${d.field} ${String(d.a)} → ${String(d.b)}`).join(", ")}`,
      ].join("\n"),
  };
}
