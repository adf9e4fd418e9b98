import { readFileSync } from "node:fs";

/** One CSCV case of test-data/fixtures.json (per-combination arrays sampled every `step`-th combination). */
export interface PboFixture {
  name: string;
  rows: number;
  cols: number;
  partitions: number;
  metric: "sharpe" | "mean" | "sum";
  values: number[];
  pbo: number;
  logits: number[];
  logitSum: number;
  relativeRanks: number[];
  bestTrial: number[];
  inSample: number[];
  outOfSample: number[];
  slope: number;
  intercept: number;
  rSquared: number;
  probabilityOfLoss: number;
  combinations: number;
  step: number;
}

export interface CpcvFixture {
  length: number;
  groups: number;
  testGroups: number;
  purge: number;
  embargo: number;
  groupBounds: [number, number][];
  splits: { testGroups: number[]; test: number[]; train: number[] }[];
  paths: number[][];
}

export interface DsrFixture {
  returns: number[];
  trialSharpes: number[];
  trials: number;
  trialsVariance: number;
  sharpe: number;
  expectedMaxSharpe: number;
  deflatedSharpe: number;
}

export interface SurfaceFixture {
  shape: number[];
  neighbourhood: "box" | "axis";
  values: (number | null)[];
  best: number;
  mean: (number | null)[];
  min: (number | null)[];
  max: (number | null)[];
  std: (number | null)[];
  count: number[];
  normalizedDrop: (number | null)[];
  localOptimum: number[];
}

/** Golden values written by test-data/make_fixtures.py (numpy/scipy). */
export const fixtures = JSON.parse(
  readFileSync(new URL("../../test-data/fixtures.json", import.meta.url), "utf8"),
) as {
  generator: string;
  pbo: PboFixture[];
  cpcv: CpcvFixture[];
  deflatedSharpe: DsrFixture[];
  surface: SurfaceFixture[];
};

/** |a − e| ≤ tol·max(1, |e|). */
export function closeTo(a: number, e: number, tol = 1e-10): boolean {
  return Math.abs(a - e) <= tol * Math.max(1, Math.abs(e));
}
