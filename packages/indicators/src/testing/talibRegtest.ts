/**
 * Runner over TA-Lib's own regression cases (615 cases from `src/tools/ta_regtest/ta_test_func/*.c`, copied to
 * `test-data/talib_regtest_expected_values.json`). Each family's `regtest.test.ts` calls {@link talibRegtest} with
 * an implementation per TA-Lib function name it owns (`"MA(SMA)"`, `"ATR"`, `"SAR"`, …).
 *
 * Per case: bad-parameter cases (`expectedRetCode` ≠ `TA_SUCCESS`) must throw a `ValidationError`; otherwise the
 * implementation computes full-length outputs over bars `0..endIdx` of the case's dataset, and the runner checks
 * `begIdx = max(startIdx, first valid index)`, `nbElement`, and each expected value at its input bar within TA-Lib's
 * own tolerance (±0.01 absolute; the largest deviation seen is printed). Cases an implementation cannot run
 * (unstable period, MetaStock compatibility) are skipped explicitly with a reason; skips are counted and printed.
 */
import { readFileSync } from "node:fs";
import { ValidationError } from "@quantkit/core";
import { describe, expect, it } from "vitest";
import { loadCsvBars, type TestBars, testDataPath } from "./data.js";

/** One regression case as stored in the JSON (fields named as in TA-Lib's C test tables). */
export interface RegtestCase {
  readonly function: string;
  readonly dataset: "TA_SREF_252" | "WILDER_SAR_38";
  readonly startIdx: number;
  readonly endIdx: number;
  readonly expectedRetCode: string;
  readonly expectedBegIdx: number;
  readonly expectedNbElement: number;
  readonly unstablePeriod?: number;
  readonly compatibility?: string;
  readonly optInTimePeriod?: number;
  readonly [field: string]: unknown;
}

/** What an implementation returns: outputs in TA-Lib's output order, or an explicit skip. */
export type RegtestResult = readonly Float64Array[] | { readonly skip: string };

/** Computes one case over `data` (full columns of the case's dataset; ignore `startIdx`, the runner handles it). */
export type RegtestImpl = (c: RegtestCase, data: TestBars) => RegtestResult;

let cached: RegtestCase[] | undefined;

/** All 615 cases. */
export function regtestCases(): RegtestCase[] {
  if (!cached) {
    const json = JSON.parse(readFileSync(testDataPath("talib_regtest_expected_values.json"), "utf8")) as {
      tests: RegtestCase[];
    };
    cached = json.tests;
  }
  return cached;
}

const datasets = new Map<string, TestBars>();
/** The dataset a case runs on (TA-Lib's 252-bar reference series or Wilder's 38 SAR bars). */
export function regtestData(name: RegtestCase["dataset"]): TestBars {
  let d = datasets.get(name);
  if (!d) {
    d = loadCsvBars(
      name === "TA_SREF_252"
        ? "talib_reference_252bars_TA_SREF_daily.csv"
        : "wilder_sar_book_data_38bars.csv",
    );
    datasets.set(name, d);
  }
  return d;
}

/** The expected values of a case: output number, input bar and value. */
export function expectedValues(c: RegtestCase): { output: number; bar: number; value: number }[] {
  const out: { output: number; bar: number; value: number }[] = [];
  if (typeof c.oneOfTheExpectedOutReal === "number") {
    out.push({
      output: 0,
      bar: c.expectedBegIdx + (c.oneOfTheExpectedOutRealIndex as number),
      value: c.oneOfTheExpectedOutReal,
    });
  }
  for (let k = 0; k < 3; k++) {
    const v = c[`oneOfTheExpectedOutReal${k}`];
    if (typeof v === "number") {
      out.push({
        output: k,
        bar: c.expectedBegIdx + (c[`oneOfTheExpectedOutRealIndex${k}`] as number),
        value: v,
      });
    }
  }
  return out;
}

/** Summary of one family's run (also printed). */
export interface RegtestSummary {
  total: number;
  passed: number;
  skipped: Map<string, number>;
}

function sliceBars(d: TestBars, end: number): TestBars {
  return {
    name: d.name,
    open: d.open.subarray(0, end + 1),
    high: d.high.subarray(0, end + 1),
    low: d.low.subarray(0, end + 1),
    close: d.close.subarray(0, end + 1),
    volume: d.volume.subarray(0, end + 1),
  };
}

/** Runs one case; returns null on pass, a skip reason, or throws an assertion error. */
function runCase(c: RegtestCase, impl: RegtestImpl, tol: number, worst: { diff: number }): string | null {
  if ((c.unstablePeriod ?? 0) > 0) return "needs TA_SetUnstablePeriod (TA-Lib global state; not modelled)";
  const data = sliceBars(regtestData(c.dataset), c.endIdx);
  const label = `${c.function} ${JSON.stringify(c)}`;
  if (c.expectedRetCode !== "TA_SUCCESS") {
    let thrown: unknown;
    let result: RegtestResult | undefined;
    try {
      result = impl(c, data);
    } catch (e) {
      thrown = e;
    }
    if (result && "skip" in result) return result.skip;
    expect(thrown, `${label}: expected ${c.expectedRetCode} → ValidationError`).toBeInstanceOf(
      ValidationError,
    );
    return null;
  }
  const result = impl(c, data);
  if ("skip" in result) return result.skip;
  const primary = result[0]!;
  let first = -1;
  for (let i = 0; i < primary.length; i++) {
    if (!Number.isNaN(primary[i]!)) {
      first = i;
      break;
    }
  }
  if (c.expectedNbElement === 0) {
    expect(first < 0 || first > c.endIdx || c.startIdx > c.endIdx, `${label}: expected no output`).toBe(true);
    return null;
  }
  const beg = Math.max(c.startIdx, first);
  expect(beg, `${label}: begIdx`).toBe(c.expectedBegIdx);
  expect(c.endIdx - beg + 1, `${label}: nbElement`).toBe(c.expectedNbElement);
  for (const e of expectedValues(c)) {
    const col = result[e.output];
    expect(col, `${label}: output ${e.output} missing`).toBeInstanceOf(Float64Array);
    const got = col![e.bar]!;
    const diff = Math.abs(got - e.value);
    if (diff > worst.diff) worst.diff = diff;
    expect(diff <= tol, `${label}: output ${e.output} at bar ${e.bar}: got ${got}, expected ${e.value}`).toBe(
      true,
    );
  }
  return null;
}

/**
 * Registers one test per TA-Lib function in `impls`, over every regression case of that function.
 *
 * @param family - name used in titles and the printed summary (`"trend"`).
 * @param impls - implementation per TA-Lib function name as spelled in the JSON (`"MA(SMA)"`, `"BBANDS"`).
 * @param tol - absolute tolerance (TA-Lib's own regression tolerance, 0.01, by default).
 */
export function talibRegtest(family: string, impls: Record<string, RegtestImpl>, tol = 0.01): RegtestSummary {
  const summary: RegtestSummary = { total: 0, passed: 0, skipped: new Map() };
  describe(`${family}: TA-Lib regression cases (ta_regtest)`, () => {
    for (const [fn, impl] of Object.entries(impls)) {
      const cases = regtestCases().filter((c) => c.function === fn);
      it(`${fn} passes TA-Lib's ${cases.length} regression cases (skips listed)`, () => {
        expect(cases.length, `no regression cases named ${fn}`).toBeGreaterThan(0);
        const worst = { diff: 0 };
        let passed = 0;
        const skips = new Map<string, number>();
        for (const c of cases) {
          const skip = runCase(c, impl, tol, worst);
          summary.total++;
          if (skip === null) {
            passed++;
            summary.passed++;
          } else {
            skips.set(skip, (skips.get(skip) ?? 0) + 1);
            summary.skipped.set(`${fn}: ${skip}`, (summary.skipped.get(`${fn}: ${skip}`) ?? 0) + 1);
          }
        }
        const skipText = [...skips].map(([r, k]) => `${k} skipped: ${r}`).join("; ");
        console.log(
          `[ta_regtest ${family}] ${fn}: ${passed}/${cases.length} passed, max |diff| ${worst.diff.toExponential(2)}${skipText ? `; ${skipText}` : ""}`,
        );
        expect(passed + [...skips.values()].reduce((a, b) => a + b, 0)).toBe(cases.length);
      });
    }
    it(`${family}: at least one regression case ran, and every skip is listed with its reason`, () => {
      const skipped = [...summary.skipped].map(([r, k]) => `  ${k} × ${r}`).join("\n");
      console.log(
        `[ta_regtest ${family}] total ${summary.total}: ${summary.passed} passed, ${summary.total - summary.passed} skipped\n${skipped}`,
      );
      expect(summary.passed).toBeGreaterThan(0);
    });
  });
  return summary;
}
