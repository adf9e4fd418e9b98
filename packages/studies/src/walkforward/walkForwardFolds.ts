import { parseWith, ValidationError } from "@quantkit/core";
import { z } from "zod";

/** A half-open index range [start, end) into the sample (bar) axis. */
export type IndexRange = readonly [start: number, end: number];

/** One walk-forward fold: optimize on `train`, trade the chosen parameters on `test`. */
export interface WalkForwardFold {
  /** 0-based fold number, in time order. */
  readonly index: number;
  /** In-sample range [a, b), already purged (b = test start − purge). */
  readonly train: IndexRange;
  /** Out-of-sample range [c, d). */
  readonly test: IndexRange;
}

const UNIT_MS: Record<string, number> = { s: 1e3, m: 60e3, h: 3_600e3, d: 86_400e3, w: 604_800e3 };

/**
 * A window size: a number (samples, or milliseconds when `ts` is given) or, with `ts`, a duration string such as
 * `"90d"`, `"12h"`, `"30m"`, `"2w"` (s m h d w).
 */
const span = z.union([
  z.number().nonnegative(),
  z
    .string()
    .regex(/^\d+(\.\d+)?[smhdw]$/, 'expected a duration like "90d", "12h", "30m", "2w" (units s m h d w)'),
]);

/**
 * Options of {@link walkForwardFolds}. Give exactly one of `length` (sizes are sample counts) or `ts` (sizes are
 * durations in ms or strings such as `"90d"`).
 *
 * @example
 * walkForwardFoldsOptions.parse({ length: 100, train: 50, test: 10 }).mode // → "rolling"
 */
export const walkForwardFoldsOptions = z
  .object({
    /** Number of samples; window sizes are then sample counts (integers). */
    length: z.number().int().min(1).optional(),
    /** Sample times (strictly increasing, e.g. bar open times in epoch ms); window sizes are then durations. */
    ts: z.instanceof(Float64Array).optional(),
    /** In-sample window (before purging). For `"anchored"` this is the first fold's in-sample window. */
    train: span,
    /** Out-of-sample window. */
    test: span,
    /** Distance between consecutive test-window starts (≥ test, so test windows never overlap). @default test */
    step: span.optional(),
    /** `"rolling"`: fixed-length in-sample window; `"anchored"`: in-sample always starts at sample 0. @default "rolling" */
    mode: z.enum(["rolling", "anchored"]).default("rolling"),
    /**
     * Label horizon h: in-sample samples whose label [i, i + h] reaches into the test window are dropped, i.e. the
     * last h samples (or the last h ms) before the test start. @default 0
     */
    purge: span.default(0),
    /**
     * Samples after each test window excluded from training. Walk-forward training windows end before their test
     * window, so nothing is ever removed; kept for symmetry with `cpcvSplits` and recorded in configs. @default 0
     */
    embargo: span.default(0),
    /** Keep a final, shorter test window that runs into the end of the data. @default false */
    partialLast: z.boolean().default(false),
  })
  .strict();

/** Input form of {@link walkForwardFoldsOptions}. */
export type WalkForwardFoldsOptions = z.input<typeof walkForwardFoldsOptions>;

function toNumber(v: number | string, field: string, counts: boolean): number {
  if (typeof v === "number") {
    if (counts && !Number.isInteger(v)) {
      throw new ValidationError("walkForwardFolds options", [
        { path: field, message: `expected a whole number of samples (with \`length\`), got ${v}` },
      ]);
    }
    return v;
  }
  if (counts) {
    throw new ValidationError("walkForwardFolds options", [
      {
        path: field,
        message: `duration strings such as "${v}" need \`ts\`; with \`length\` give a sample count`,
      },
    ]);
  }
  return Number.parseFloat(v) * UNIT_MS[v.slice(-1)]!;
}

/** First index i with ts[i] ≥ t (ts ascending). */
function lowerBound(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Walk-forward folds as index ranges: fold k tests on [s_k, s_k + test) with s_k = train + k·step (in samples, or in
 * time from ts[0]) and trains on the window before it — a fixed-length window [s_k − train, s_k − purge) when
 * `"rolling"`, everything [0, s_k − purge) when `"anchored"`. Test windows are disjoint and, with step = test
 * (the default), contiguous: together they cover [train, train + K·test), where K is the number of complete test
 * windows that fit; the tail that does not fill a window is reported as untested unless `partialLast`.
 *
 * @param options - `length` or `ts`; `train`, `test`, `step` (= test), `mode` ("rolling"), `purge` (0), `embargo`
 *   (0), `partialLast` (false). See {@link walkForwardFoldsOptions}.
 * @returns the folds in time order.
 * @example
 * walkForwardFolds({ length: 10, train: 4, test: 2, purge: 1 });
 * // → [{ index: 0, train: [0, 3], test: [4, 6] }, { index: 1, train: [2, 5], test: [6, 8] },
 * //    { index: 2, train: [4, 7], test: [8, 10] }]
 * @see https://doi.org/10.1002/9781119482086 (López de Prado 2018, AFML ch. 7 and 12: purging, walk-forward)
 */
export function walkForwardFolds(options: WalkForwardFoldsOptions): WalkForwardFold[] {
  const o = parseWith(walkForwardFoldsOptions, options, "walkForwardFolds options");
  const byTime = o.ts !== undefined;
  if (byTime === (o.length !== undefined)) {
    throw new ValidationError("walkForwardFolds options", [
      { path: "length/ts", message: "give exactly one of `length` (sample counts) or `ts` (sample times)" },
    ]);
  }
  const counts = !byTime;
  const train = toNumber(o.train, "train", counts);
  const test = toNumber(o.test, "test", counts);
  const step = o.step === undefined ? test : toNumber(o.step, "step", counts);
  const purge = toNumber(o.purge, "purge", counts);
  toNumber(o.embargo, "embargo", counts);
  const issues: { path: string; message: string }[] = [];
  if (!(test > 0)) issues.push({ path: "test", message: `expected a positive window, got ${test}` });
  if (!(train > purge)) {
    issues.push({
      path: "train",
      message: `expected train > purge (${purge}) so training keeps data, got ${train}`,
    });
  }
  if (!(step >= test)) {
    issues.push({
      path: "step",
      message: `expected step ≥ test (${test}) so test windows do not overlap, got ${step}`,
    });
  }
  if (issues.length > 0) throw new ValidationError("walkForwardFolds options", issues);

  const folds: WalkForwardFold[] = [];
  if (!byTime) {
    const n = o.length!;
    for (let k = 0; ; k++) {
      const s = train + k * step;
      if (s >= n) break;
      const e = s + test;
      if (e > n && !o.partialLast) break;
      const a = o.mode === "anchored" ? 0 : s - train;
      folds.push({ index: k, train: [a, s - purge], test: [s, Math.min(e, n)] });
    }
    return folds;
  }

  const ts = o.ts!;
  const n = ts.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(ts[i]!) || (i > 0 && !(ts[i]! > ts[i - 1]!))) {
      throw new ValidationError("walkForwardFolds ts", [
        {
          path: `ts[${i}]`,
          message: `expected finite, strictly increasing times, got ${ts[i]} after ${ts[i - 1]}`,
        },
      ]);
    }
  }
  if (n === 0) return folds;
  const t0 = ts[0]!;
  for (let k = 0; ; k++) {
    const tS = t0 + train + k * step;
    const s = lowerBound(ts, tS);
    if (s >= n) break;
    const e = lowerBound(ts, tS + test);
    if (e >= n && !o.partialLast) break; // no sample at or after the window's end: it may be incomplete
    const a = o.mode === "anchored" ? 0 : lowerBound(ts, tS - train);
    const b = lowerBound(ts, tS - purge);
    if (e === s || b === a) {
      throw new ValidationError("walkForwardFolds layout", [
        {
          path: `fold ${k}`,
          message: `${e === s ? "test" : "train"} window starting at ${new Date(e === s ? tS : tS - train).toISOString()} has no samples (a gap in ts): choose wider windows`,
        },
      ]);
    }
    folds.push({ index: k, train: [a, b], test: [s, e] });
  }
  return folds;
}
