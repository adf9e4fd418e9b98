import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SimulatedClock } from "@quantkit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RunPool } from "../pool/runPool.js";
import { loadDataRef } from "../run/dataRef.js";
import { executeRun } from "../run/executeRun.js";
import { runSweep } from "../sweep/runSweep.js";
import { Catalog } from "./catalog.js";
import { codeVersion } from "./codeVersion.js";
import { compareRuns, diffValues } from "./compareRuns.js";
import { reproduceRun } from "./reproduceRun.js";

const tmp = mkdtempSync(join(tmpdir(), "qk-catalog-"));
const data = { kind: "store", symbol: "ORCL", timeframe: "1d" } as const;
const space = { fast: { int: [5, 20], step: 5 }, slow: { int: [30, 90], step: 30 } } as const;
let pool: RunPool;
let catalog: Catalog;
let studyId: string;

beforeAll(async () => {
  pool = await RunPool.create({ workers: 0 });
  catalog = new Catalog(join(tmp, "cat", "catalog.duckdb"), new SimulatedClock(1_700_000_000_000));
  const s = await runSweep(
    { study: "orcl-sma", strategy: "sma-cross", space, data, options: { qty: 100 }, out: join(tmp, "sweep") },
    { pool, catalog },
  );
  studyId = s.studyId;
});
afterAll(async () => {
  await pool.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("Catalog", () => {
  it("records the study (config, data fingerprint, code version, summary) and every run's manifest", async () => {
    const studies = await catalog.listStudies();
    expect(studies.length).toBe(1);
    const st = studies[0]!;
    expect(st.id).toBe(studyId);
    expect(st.name).toBe("orcl-sma");
    expect(st.status).toBe("complete");
    expect(st.runs).toBe(12);
    expect(st.data[0]!.length).toBe(5036);
    expect(st.data[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(st.code).toEqual(codeVersion());
    expect((st.summary as { executed: number }).executed).toBe(12);
    expect(await catalog.countRuns(studyId)).toBe(12);
  });

  it("round-trips a run: showRun (by prefix) returns the params, spec, seed and metrics executeRun gives", async () => {
    const [top] = await catalog.listRuns({ orderBy: "sharpe", limit: 1 });
    const r = await catalog.showRun(top!.id.slice(0, 10));
    expect(r.id).toBe(top!.id);
    expect(r.studyId).toBe(studyId);
    expect(r.recordedAt).toBe(1_700_000_000_000);
    expect(r.code.version).toBe("0.1.0");
    const bars = await loadDataRef(data);
    const again = executeRun(r.spec, bars);
    expect(again.key).toBe(r.id);
    expect(r.metrics).toEqual(again.metrics);
    expect(r.params).toEqual({
      fast: (r.spec.params as { fast: number }).fast,
      slow: (r.spec.params as { slow: number }).slow,
    });
    const all = await catalog.listRuns({ orderBy: "sharpe", limit: 100 });
    const sharpes = all.map((x) => x.metrics!.sharpe);
    expect(sharpes).toEqual([...sharpes].sort((a, b) => b - a));
  });

  it("showRun rejects unknown and ambiguous ids", async () => {
    await expect(catalog.showRun("zzzz")).rejects.toThrow(/No run "zzzz"/);
    await expect(catalog.showRun("")).rejects.toThrow(/ambiguous/);
  });

  it("compareRuns names exactly the differing params, and data and code are identical within a study", async () => {
    const runs = await catalog.listRuns({ limit: 100 });
    const a = runs.find((r) => r.params.fast === 5 && r.params.slow === 30)!;
    const b = runs.find((r) => r.params.fast === 10 && r.params.slow === 30)!;
    const c = await compareRuns(catalog, a.id, b.id);
    expect(c.spec).toEqual([{ field: "spec.params.fast", a: 5, b: 10 }]);
    expect(c.data).toEqual([]);
    expect(c.code).toEqual([]);
    const sharpe = c.metrics.find((m) => m.metric === "sharpe")!;
    expect(sharpe.delta).toBe(b.metrics!.sharpe - a.metrics!.sharpe);
    const text = String(c);
    expect(text).toContain("spec.params.fast: 5 → 10");
    expect(text).toContain("data: identical");
  });

  it("reproduceRun re-executes a run from its manifest with identical metrics, data fingerprint and key", async () => {
    const [r] = await catalog.listRuns({ limit: 1 });
    const rep = await reproduceRun(catalog, r!.id);
    expect(rep.equal).toBe(true);
    expect(rep.dataMatches).toBe(true);
    expect(rep.keyMatches).toBe(true);
    expect(String(rep)).toContain("REPRODUCED");
  });

  it("reproduceRun detects different data (changed close prices) by fingerprint and metrics", async () => {
    const [r] = await catalog.listRuns({ orderBy: "sharpe", limit: 1 });
    const bars = await loadDataRef(data);
    for (let i = 2000; i < 2100; i++) bars.close[i] = bars.close[i]! * 1.05;
    const rep = await reproduceRun(catalog, r!.id, bars);
    expect(rep.dataMatches).toBe(false);
    expect(rep.equal).toBe(false);
    expect(rep.metricDiffs.length).toBeGreaterThan(0);
  });

  it("a resumed sweep keeps the study id and records only the new runs", async () => {
    const out = join(tmp, "sweep");
    const s = await runSweep(
      { study: "orcl-sma", strategy: "sma-cross", space, data, options: { qty: 100 }, out },
      { pool, catalog },
    );
    expect(s.studyId).toBe(studyId);
    expect(s.executed).toBe(0);
    expect(await catalog.countRuns()).toBe(12);
  });

  it("diffValues treats NaN = NaN and distinguishes ±Infinity", () => {
    expect(diffValues({ x: Number.NaN }, { x: Number.NaN })).toEqual([]);
    expect(diffValues({ x: Number.POSITIVE_INFINITY }, { x: Number.NEGATIVE_INFINITY }).length).toBe(1);
  });
});
