/** Test fixtures: the bundled ORCL daily series and the golden values written by golden.py. */
import { readFileSync } from "node:fs";

const here = new URL(".", import.meta.url);

/** Simple daily returns of ORCL's adjusted close, 1995-01-04 … 2014-12-31 (5035 values). */
export function orclReturns(): Float64Array {
  const lines = readFileSync(new URL("orcl-1995-2014.txt", here), "utf8").trim().split("\n").slice(1);
  const adj = lines.map((l, i) => {
    const v = Number(l.split(",")[5]);
    if (!Number.isFinite(v)) throw new Error(`orcl-1995-2014.txt row ${i + 2}: bad Adj Close`);
    return v;
  });
  const r = new Float64Array(adj.length - 1);
  for (let i = 1; i < adj.length; i++) r[i - 1] = adj[i]! / adj[i - 1]! - 1;
  return r;
}

// biome-ignore lint/suspicious/noExplicitAny: golden JSON is loosely typed
export const golden: any = JSON.parse(readFileSync(new URL("golden.json", here), "utf8"));

/** Correctly rounded e^x from exp-golden.py (decimal module, 50 digits). */
export const expGolden: { x: number[]; exp: number[] } = JSON.parse(
  readFileSync(new URL("exp-golden.json", here), "utf8"),
);
