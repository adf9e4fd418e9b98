import { readTestData } from "./test-data.js";

/** One row of `test-data/scipy-beta.json`: `x = scipy.stats.beta.ppf(p, a, b)`. */
export interface ScipyBetaRow {
  a: number;
  b: number;
  p: number;
  x: number;
}

/**
 * Test helper (not exported): the scipy Beta quantile fixture, the oracle of `betaQuantile` and of the credible
 * intervals of `DirichletTransitions`.
 *
 * @example
 * scipyBetaRows().filter((r) => r.p === 0.025) // → the rows of lower 95 % bounds
 */
export function scipyBetaRows(): ScipyBetaRow[] {
  return readTestData<ScipyBetaRow[]>("scipy-beta.json");
}
