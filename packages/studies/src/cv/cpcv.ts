import { parseWith, ValidationError } from "@quantkit/core";
import { z } from "zod";
import type { IndexRange } from "../walkforward/walkForwardFolds.js";
import { binomial, combinations, splitBoundaries } from "./combinations.js";

/**
 * Options of {@link cpcv}.
 *
 * @example
 * cpcvOptions.parse({ length: 100, groups: 6, testGroups: 2 }).purge // → 0
 */
export const cpcvOptions = z
  .object({
    /** Number of samples T. */
    length: z.number().int().min(2),
    /** Number of contiguous groups N the samples are split into (sizes differ by at most one, larger first). */
    groups: z.number().int().min(2),
    /** Number of test groups k per split (1 ≤ k < N); k = 1 is purged K-fold. */
    testGroups: z.number().int().min(1),
    /**
     * Label horizon h in samples: a training sample i whose label [i, i + h] reaches a test sample is dropped, i.e.
     * the h samples before every test block. @default 0
     */
    purge: z.number().int().min(0).default(0),
    /** Samples right after every test block dropped from training (serial-correlation embargo). @default 0 */
    embargo: z.number().int().min(0).default(0),
  })
  .strict();

/** Input form of {@link cpcvOptions}. */
export type CpcvOptions = z.input<typeof cpcvOptions>;

/** One train/test split of {@link cpcv}. */
export interface CpcvSplit {
  /** Split number (lexicographic order of its test groups). */
  readonly index: number;
  /** The k test group numbers, ascending. */
  readonly testGroups: readonly number[];
  /** Test index ranges (adjacent test groups merged), ascending. */
  readonly test: readonly IndexRange[];
  /** Training index ranges after purging and embargo, ascending. */
  readonly train: readonly IndexRange[];
}

/** Result of {@link cpcv}. */
export interface Cpcv {
  /** Group g covers [groups[g][0], groups[g][1]). */
  readonly groups: readonly IndexRange[];
  /** All C(N, k) splits. */
  readonly splits: readonly CpcvSplit[];
  /**
   * The φ = k/N·C(N, k) = C(N − 1, k − 1) backtest paths: `paths[p][g]` is the split whose test predictions are used
   * for group g on path p. Each path covers every group once; each (split, test group) pair is used by one path.
   */
  readonly paths: readonly (readonly number[])[];
}

/** Total number of samples in a list of ranges. @example rangesLength([[0, 3], [5, 6]]) // → 4 */
export function rangesLength(ranges: readonly IndexRange[]): number {
  let s = 0;
  for (const [a, b] of ranges) s += b - a;
  return s;
}

/**
 * Combinatorial purged cross-validation (CPCV): splits T samples into N contiguous groups and forms all C(N, k)
 * train/test splits with k test groups; training samples within `purge` before or `embargo` after any test block
 * are removed. The φ = C(N − 1, k − 1) backtest paths are assembled by giving each group, in turn, the test
 * predictions of the p-th split (in split order) that tests it. Purging here drops training samples whose own label
 * reaches a test sample; AFML's purge also drops training samples that start inside a test label's span (the h
 * samples after a test block), which `embargo ≥ purge` covers.
 *
 * @param options - `length` T, `groups` N, `testGroups` k, `purge` (0), `embargo` (0).
 * @example
 * const cv = cpcv({ length: 60, groups: 6, testGroups: 2, purge: 2, embargo: 1 });
 * cv.splits.length; // → 15
 * cv.paths.length; // → 5
 * cv.splits[0].test; // → [[0, 20]] (groups 0 and 1)
 * cv.splits[0].train; // → [[21, 60]] (one embargoed sample after the test block)
 * @see https://doi.org/10.1002/9781119482086 (López de Prado 2018, AFML §12.4, combinatorial purged CV)
 */
export function cpcv(options: CpcvOptions): Cpcv {
  const o = parseWith(cpcvOptions, options, "cpcv options");
  if (o.testGroups >= o.groups) {
    throw new ValidationError("cpcv options", [
      { path: "testGroups", message: `expected 1 ≤ testGroups < groups (${o.groups}), got ${o.testGroups}` },
    ]);
  }
  const b = splitBoundaries(o.length, o.groups);
  const groups: IndexRange[] = [];
  for (let g = 0; g < o.groups; g++) groups.push([b[g]!, b[g + 1]!]);
  const combos = combinations(o.groups, o.testGroups, 100_000);
  const splits: CpcvSplit[] = combos.map((tg, index) => {
    const test: [number, number][] = [];
    for (const g of tg) {
      const last = test.at(-1);
      if (last && last[1] === b[g]) last[1] = b[g + 1]!;
      else test.push([b[g]!, b[g + 1]!]);
    }
    // forbidden zones: [c − purge, d + embargo) around each test block; train is the complement
    const train: IndexRange[] = [];
    let cursor = 0;
    for (const [c, d] of test) {
      const lo = Math.max(cursor, c - o.purge);
      if (lo > cursor) train.push([cursor, lo]);
      cursor = Math.max(cursor, Math.min(o.length, d + o.embargo));
    }
    if (cursor < o.length) train.push([cursor, o.length]);
    return { index, testGroups: tg, test, train };
  });
  const pathCount = binomial(o.groups - 1, o.testGroups - 1);
  const paths = Array.from({ length: pathCount }, () => new Array<number>(o.groups).fill(-1));
  const used = new Array<number>(o.groups).fill(0);
  for (const s of splits) {
    for (const g of s.testGroups) paths[used[g]!++]![g] = s.index;
  }
  return { groups, splits, paths };
}
