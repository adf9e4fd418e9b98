/**
 * Helpers to call the `talib` oracle (talib@1.1.6, TA-Lib C 0.4 via node-gyp) and compare its output with ours.
 *
 * The binding reads plain arrays only (a `Float64Array` input silently yields garbage), so inputs are converted.
 * TA-Lib returns `nbElement` values starting at `begIndex`; {@link talibFull} pads them back to full length with
 * NaN so they line up with quantkit's full-length outputs.
 */
import { createRequire } from "node:module";
import { expect } from "vitest";

const require = createRequire(import.meta.url);

interface TalibResult {
  begIndex: number;
  nbElement: number;
  result: Record<string, number[]>;
}
interface TalibModule {
  execute(params: Record<string, unknown>): TalibResult;
}

/** The raw `talib` module (CommonJS). */
export const talib: TalibModule = require("talib") as TalibModule;

/** Column inputs for {@link talibFull}: `inReal` for single-series functions, or bar columns. */
export interface TalibInputs {
  readonly inReal?: Float64Array;
  readonly inReal0?: Float64Array;
  readonly inReal1?: Float64Array;
  readonly open?: Float64Array;
  readonly high?: Float64Array;
  readonly low?: Float64Array;
  readonly close?: Float64Array;
  readonly volume?: Float64Array;
}

/** TA-Lib's outputs padded to the input length (NaN before `begIndex`), plus `begIndex`. */
export interface TalibFull {
  readonly begIndex: number;
  readonly outputs: Record<string, Float64Array>;
}

/**
 * Runs TA-Lib function `name` over the whole input with `optIn…` parameters.
 *
 * @example
 * talibFull("SMA", { inReal: close }, { optInTimePeriod: 20 }).outputs.outReal; // full-length Float64Array
 */
export function talibFull(name: string, inputs: TalibInputs, params: Record<string, number> = {}): TalibFull {
  const n = (inputs.inReal ?? inputs.inReal0 ?? inputs.close ?? inputs.high)!.length;
  const args: Record<string, unknown> = { name, startIdx: 0, endIdx: n - 1, ...params };
  for (const k of ["inReal", "inReal0", "inReal1", "open", "high", "low", "close", "volume"] as const) {
    const v = inputs[k];
    if (v instanceof Float64Array) args[k] = Array.from(v);
  }
  const r = talib.execute(args);
  if (r === undefined || r.result === undefined)
    throw new Error(`talib ${name} failed: ${JSON.stringify(r)}`);
  const outputs: Record<string, Float64Array> = {};
  for (const [k, vals] of Object.entries(r.result)) {
    const col = new Float64Array(n).fill(Number.NaN);
    for (let j = 0; j < r.nbElement; j++) col[r.begIndex + j] = vals[j]!;
    outputs[k] = col;
  }
  return { begIndex: r.begIndex, outputs };
}

/** Tolerances of {@link expectMatchesTalib}: pass when |a−b| ≤ abs or |a−b| ≤ rel·max(|a|,|b|). */
export interface Tolerance {
  readonly rel?: number;
  readonly abs?: number;
}

/**
 * The largest relative error `|a−b| / max(|a|,|b|)` over indices `[from, n)` where `|a−b| > abs`
 * (0 when everything is within `abs`).
 */
export function maxRelError(ours: Float64Array, theirs: Float64Array, from = 0, abs = 0): number {
  let worst = 0;
  for (let i = from; i < ours.length; i++) {
    const a = ours[i]!;
    const b = theirs[i]!;
    const d = Math.abs(a - b);
    if (d <= abs) continue;
    const rel = d / Math.max(Math.abs(a), Math.abs(b));
    if (!(rel <= worst)) worst = rel; // NaN-aware: NaN mismatch becomes the worst
  }
  return worst;
}

/**
 * Asserts our full-length output equals TA-Lib's: NaN exactly where TA-Lib has no value (so the first valid index
 * equals TA-Lib's `begIndex`, i.e. its lookback) and within 1e-9 relative or 1e-12 absolute after it.
 *
 * @example
 * expectMatchesTalib(sma(close, { period: 20 }), talibFull("SMA", { inReal: close }, { optInTimePeriod: 20 }).outputs.outReal!, "SMA(20)");
 */
export function expectMatchesTalib(
  ours: Float64Array,
  theirs: Float64Array,
  label: string,
  tol: Tolerance = {},
): void {
  const rel = tol.rel ?? 1e-9;
  const abs = tol.abs ?? 1e-12;
  expect(ours.length, `${label}: length`).toBe(theirs.length);
  let firstOurs = -1;
  let firstTheirs = -1;
  for (let i = 0; i < ours.length; i++) {
    if (firstOurs < 0 && !Number.isNaN(ours[i]!)) firstOurs = i;
    if (firstTheirs < 0 && !Number.isNaN(theirs[i]!)) firstTheirs = i;
  }
  expect(firstOurs, `${label}: first valid index (TA-Lib begIndex ${firstTheirs})`).toBe(firstTheirs);
  let bad = -1;
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i]!;
    const b = theirs[i]!;
    if (Number.isNaN(a) && Number.isNaN(b)) continue;
    const d = Math.abs(a - b);
    if (!(d <= abs || d <= rel * Math.max(Math.abs(a), Math.abs(b)))) {
      bad = i;
      break;
    }
  }
  if (bad >= 0) {
    expect.fail(
      `${label}: index ${bad} quantkit ${ours[bad]} vs TA-Lib ${theirs[bad]} (rel ${maxRelError(ours, theirs, firstTheirs, abs)})`,
    );
  }
}
