/**
 * PBO (CSCV) benchmark: a T×N matrix of trial returns, S blocks, all C(S, S/2) combinations. quantkit's
 * per-block-moment path vs its generic path (a metric function over materialized slices) vs the straightforward
 * numpy/scipy implementation in test-data/make_fixtures.py (Debian python3, run by this script on the same matrix).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Rng } from "@quantkit/core";
import { printTable, size, timeMs } from "@quantkit/core/bench";
import { binomial } from "../cv/combinations.js";
import { probabilityOfBacktestOverfitting } from "./pbo.js";

const T = size(1000, 160);
const N = size(100, 8);
const S = size(16, 8);
const rng = new Rng(1, 0);
const values = new Float64Array(T * N);
for (let i = 0; i < values.length; i++) values[i] = 0.0002 + 0.01 * rng.normal();
const m = { values, rows: T, cols: N };

const sharpe = (x: Float64Array) => {
  let mu = 0;
  for (let i = 0; i < x.length; i++) mu += x[i]!;
  mu /= x.length;
  let q = 0;
  for (let i = 0; i < x.length; i++) q += (x[i]! - mu) ** 2;
  return mu / Math.sqrt(q / (x.length - 1));
};

let fast = 0;
const fastMs = timeMs(() => (fast = probabilityOfBacktestOverfitting(m, { partitions: S }).pbo), {
  repeats: 5,
});
let generic = 0;
const genericMs = timeMs(
  () => (generic = probabilityOfBacktestOverfitting(m, { partitions: S, metric: sharpe }).pbo),
  {
    repeats: 1,
    warmup: 0,
  },
);

const dir = mkdtempSync(join(tmpdir(), "qk-pbo-bench-"));
const bin = join(dir, "m.f64");
writeFileSync(bin, Buffer.from(values.buffer));
const script = fileURLToPath(new URL("../../test-data", import.meta.url));
const py = spawnSync(
  "/usr/bin/python3",
  [
    "-c",
    `import sys, time, json; sys.path.insert(0, ${JSON.stringify(script)})
import numpy as np
from make_fixtures import cscv
M = np.fromfile(${JSON.stringify(bin)}, dtype=np.float64).reshape(${T}, ${N})
t0 = time.perf_counter(); r = cscv(M, ${S}, "sharpe"); ms = (time.perf_counter() - t0) * 1000
print(json.dumps({"ms": ms, "pbo": r["pbo"]}))`,
  ],
  { encoding: "utf8" },
);
rmSync(dir, { recursive: true, force: true });
const rows = [
  { name: "quantkit (per-block moments)", ms: fastMs, pbo: fast, "vs numpy": 0 },
  { name: "quantkit (metric function over slices)", ms: genericMs, pbo: generic, "vs numpy": 0 },
];
if (py.status === 0) {
  const p = JSON.parse(py.stdout.trim()) as { ms: number; pbo: number };
  rows.push({ name: "numpy/scipy (make_fixtures.py cscv)", ms: p.ms, pbo: p.pbo, "vs numpy": 1 });
  for (const r of rows) r["vs numpy"] = p.ms / r.ms;
} else {
  console.error(`python peer failed: ${py.stderr}`);
}
printTable(
  `PBO via CSCV: T = ${T}, N = ${N} trials, S = ${S} (${binomial(S, S / 2)} combinations); vs numpy = speed-up`,
  rows,
);
