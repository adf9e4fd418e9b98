import { readFileSync } from "node:fs";

/**
 * Test helper (not exported): parses a JSON fixture of `packages/regimes/test-data/` (written by the committed
 * generator scripts there).
 *
 * @param name - the file name, e.g. `"scipy-beta.json"`.
 * @example
 * readTestData<{ returns: number[] }>("statsmodels-markov.json").returns.length // → the fixture's series length
 */
export function readTestData<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../test-data/${name}`, import.meta.url), "utf8")) as T;
}
