import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { Catalog } from "../catalog/catalog.js";
import { walkForwardCommand } from "./walkForwardCli.js";

const dir = mkdtempSync(join(tmpdir(), "qk-wf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("walkForwardCommand (quantkit walk-forward)", () => {
  it("runs the bundled example config on ORCL and writes JSON + Parquet that read back equal", async () => {
    const lines: string[] = [];
    const out = join(dir, "orcl");
    const r = await walkForwardCommand({
      config: new URL("../../examples/walk-forward.yaml", import.meta.url).pathname,
      out,
      catalog: join(dir, "catalog.duckdb"),
      log: (l) => lines.push(l),
    });
    // the study and all 16 × 30 in-sample + 16 out-of-sample runs are in the tracked-run catalog
    const cat = new Catalog(join(dir, "catalog.duckdb"));
    const study = (await cat.listStudies()).find((s) => s.id === r.studyId)!;
    expect(study.kind).toBe("walk-forward");
    expect(study.status).toBe("complete");
    const runs = await cat.listRuns({ study: r.studyId, limit: 10_000 });
    expect(runs.length).toBe(16 * 30 + 16);
    const oosRun = runs.find((x) => x.id === r.folds[5]!.outOfSampleKey)!;
    expect(oosRun.params).toEqual(r.folds[5]!.params);
    // 1461 days in-sample from 1995-01-03, then 365-day tests: the 16th ends 2014-12-30, before the last bar
    expect(r.folds.length).toBe(16);
    expect(new Date(r.folds[15]!.testEnd).toISOString().slice(0, 10)).toBe("2014-12-30");
    expect(lines.join("\n")).toMatch(/\| fold \| in-sample \| out-of-sample \|/);
    const json = JSON.parse(readFileSync(join(out, "walk-forward.json"), "utf8"));
    expect(json.folds.length).toBe(r.folds.length);
    expect(json.oos.equity.at(-1)).toBe(r.oos.equity.at(-1));
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    const folds = (
      await con.runAndReadAll(
        `SELECT fold, params, out_of_sample FROM read_parquet('${join(out, "folds.parquet")}') ORDER BY fold`,
      )
    ).getRowsJS();
    expect(folds.map((f) => JSON.parse(f[1] as string))).toEqual(r.folds.map((f) => f.params));
    expect(folds.map((f) => f[2])).toEqual(r.folds.map((f) => f.outOfSample));
    const oos = (
      await con.runAndReadAll(
        `SELECT count(*)::INTEGER, last(equity ORDER BY ts), min(epoch_ms(ts))::DOUBLE FROM read_parquet('${join(out, "oos.parquet")}')`,
      )
    ).getRowsJS();
    expect(oos[0]).toEqual([r.oos.ts.length, r.oos.equity.at(-1), r.oos.ts[0]]);
    con.closeSync();
    db.closeSync();
  });

  it("resolves a relative csv path against the config file and reports config errors by field", async () => {
    const csv = join(dir, "bars.csv");
    const rows = ["date,open,high,low,close,volume"];
    let p = 100;
    for (let i = 0; i < 400; i++) {
      p *= 1 + 0.01 * Math.sin(i / 7) + 0.002 * Math.cos(i * 1.3);
      rows.push(
        `${new Date(1_700_000_000_000 + i * 86_400_000).toISOString().slice(0, 10)},${p},${p * 1.01},${p * 0.99},${p},1000`,
      );
    }
    writeFileSync(csv, rows.join("\n"));
    const cfg = join(dir, "wf.yaml");
    writeFileSync(
      cfg,
      [
        "strategy: sma-cross",
        "data: { kind: csv, path: bars.csv, symbol: SIN, timeframe: 1d }",
        "space: { fast: { int: [3, 6], step: 3 }, slow: { int: [10, 20], step: 10 } }",
        "folds: { train: 200, test: 50, mode: anchored }",
      ].join("\n"),
    );
    const r = await walkForwardCommand({ config: cfg, out: join(dir, "csv"), catalog: false, log: () => {} });
    expect(r.folds.length).toBe(4);
    writeFileSync(
      cfg,
      "strategy: sma-cross\ndata: { kind: csv, path: bars.csv, symbol: SIN, timeframe: 1d }\nfolds: { test: 50 }\n",
    );
    await expect(
      walkForwardCommand({ config: cfg, out: join(dir, "bad"), catalog: false, log: () => {} }),
    ).rejects.toThrow(/folds\.train/);
  });
});

describe("robustnessCommand (quantkit robustness)", () => {
  it("runs the bundled example config and writes the report", async () => {
    const { robustnessCommand } = await import("./robustnessCli.js");
    const out = join(dir, "rob");
    const lines: string[] = [];
    const r = await robustnessCommand({
      config: new URL("../../examples/robustness.yaml", import.meta.url).pathname,
      out,
      log: (l) => lines.push(l),
    });
    expect(r.trials.length).toBe(30);
    const json = JSON.parse(readFileSync(join(out, "robustness.json"), "utf8"));
    expect(json.pbo.pbo).toBe("pbo" in r.pbo ? r.pbo.pbo : Number.NaN);
    expect(readFileSync(join(out, "robustness.md"), "utf8")).toContain(
      "## Probability of backtest overfitting (CSCV)",
    );
    expect(lines.join("\n")).toMatch(/deflated Sharpe 0\.\d{4}/);
  });
});
