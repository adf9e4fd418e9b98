import type { RunMetrics } from "../run/executeRun.js";
import type { Catalog, RunRecord } from "./catalog.js";

/** One field that differs between two runs. */
export interface FieldDiff {
  /** Dotted path, e.g. `spec.params.fast`, `data.sha256`, `code.gitSha`. */
  readonly field: string;
  readonly a: unknown;
  readonly b: unknown;
}

/** One metric of two runs side by side. */
export interface MetricDiff {
  readonly metric: keyof RunMetrics;
  readonly a: number;
  readonly b: number;
  /** b − a. */
  readonly delta: number;
}

/** Result of {@link compareRuns}: "why did A beat B?" */
export interface RunComparison {
  readonly a: RunRecord;
  readonly b: RunRecord;
  /** Differences in the spec (strategy, engine, params, range, seed, costs, data ref). */
  readonly spec: readonly FieldDiff[];
  /** Differences in the data fingerprints (content hash, length, first/last bar). */
  readonly data: readonly FieldDiff[];
  /** Differences in the code version (package version, git commit, dirty flag). */
  readonly code: readonly FieldDiff[];
  /** Every metric of both runs with b − a. */
  readonly metrics: readonly MetricDiff[];
  /** A readable report. */
  toString(): string;
}

/**
 * The leaf-level differences between two JSON values, as dotted paths.
 *
 * @example
 * diffValues({ p: { fast: 5, slow: 20 } }, { p: { fast: 10, slow: 20 } }) // → [{ field: "p.fast", a: 5, b: 10 }]
 */
export function diffValues(a: unknown, b: unknown, prefix = ""): FieldDiff[] {
  const isObj = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === "object" && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diffValues(a[k], b[k], prefix === "" ? k : `${prefix}.${k}`));
  }
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b) ? [] : [{ field: prefix, a, b }];
  if (typeof a !== "number" && typeof b !== "number" && JSON.stringify(a) === JSON.stringify(b)) return [];
  return [{ field: prefix, a, b }];
}

const show = (v: unknown) => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));
const num = (x: number) =>
  Number.isInteger(x)
    ? String(x)
    : Number.isFinite(x)
      ? Math.abs(x) >= 1000
        ? x.toFixed(2)
        : x.toPrecision(6)
      : String(x);

/**
 * Compares two recorded runs (ids or unique prefixes): what differs in their specs (parameters, costs, range,
 * seed, engine), their data fingerprints and their code versions, and every metric side by side — the readable
 * answer to "why did run A beat run B?".
 *
 * @example
 * console.log(String(await compareRuns(catalog, "3fa9c2", "77b01e")));
 * // spec: params.fast 10 → 20 … data: identical … code: identical … sharpe 1.21 → 0.84 (−0.37)
 */
export async function compareRuns(catalog: Catalog, idA: string, idB: string): Promise<RunComparison> {
  const a = await catalog.showRun(idA);
  const b = await catalog.showRun(idB);
  const spec = diffValues(a.spec, b.spec, "spec");
  const data = diffValues(a.data, b.data, "data");
  const code = diffValues(a.code, b.code, "code");
  const names = [
    ...new Set([...Object.keys(a.metrics ?? {}), ...Object.keys(b.metrics ?? {})]),
  ] as (keyof RunMetrics)[];
  const metrics = names.map((m) => {
    const x = a.metrics?.[m] ?? Number.NaN;
    const y = b.metrics?.[m] ?? Number.NaN;
    return { metric: m, a: x, b: y, delta: y - x };
  });
  const section = (title: string, d: readonly FieldDiff[]) =>
    d.length === 0
      ? [`${title}: identical`]
      : [`${title}:`, ...d.map((x) => `  ${x.field}: ${show(x.a)} → ${show(x.b)}`)];
  const text = [
    `A ${a.id.slice(0, 12)} (${a.strategy}, ${a.engine}, study ${a.studyId})`,
    `B ${b.id.slice(0, 12)} (${b.strategy}, ${b.engine}, study ${b.studyId})`,
    ...section("spec", spec),
    ...section("data", data),
    ...section("code", code),
    "metrics (A → B, delta):",
    ...metrics.map(
      (m) =>
        `  ${m.metric.padEnd(12)} ${num(m.a)} → ${num(m.b)}  (${m.delta >= 0 ? "+" : ""}${num(m.delta)})`,
    ),
  ];
  if (a.error !== null || b.error !== null) text.push(`errors: A ${a.error ?? "—"} / B ${b.error ?? "—"}`);
  return { a, b, spec, data, code, metrics, toString: () => text.join("\n") };
}
