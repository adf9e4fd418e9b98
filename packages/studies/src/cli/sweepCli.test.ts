import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatProgress, progressPrinter } from "./progressBar.js";
import { loadSweepConfig, runsCommand, sweepCommand } from "./sweepCli.js";

const tmp = mkdtempSync(join(tmpdir(), "qk-sweepcli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("quantkit sweep / runs", () => {
  it("loadSweepConfig reads the example YAML (bundled ORCL) and resolves a relative csv path against the file", () => {
    const ex = loadSweepConfig(new URL("../../examples/sma-sweep.yaml", import.meta.url).pathname);
    expect(ex.strategy).toBe("sma-cross");
    expect(ex.data).toEqual({ kind: "store", symbol: "ORCL", timeframe: "1d" });
    const p = join(tmp, "c.json");
    writeFileSync(
      p,
      JSON.stringify({
        strategy: "sma-cross",
        data: { kind: "csv", path: "x.csv", symbol: "X", timeframe: "1d" },
      }),
    );
    expect((loadSweepConfig(p).data as { path: string }).path).toBe(join(tmp, "x.csv"));
  });

  it("sweepCommand runs the example config, writes summary.json, records the catalog; runs list/compare/reproduce read it", async () => {
    const out = join(tmp, "out");
    const cat = join(tmp, "cat.duckdb");
    const lines: string[] = [];
    const log = (l: string) => lines.push(l);
    const cfgPath = join(tmp, "small.yaml");
    writeFileSync(
      cfgPath,
      readFileSync(new URL("../../examples/sma-sweep.yaml", import.meta.url), "utf8")
        .replace("fast: { int: [5, 50], step: 5 }", "fast: { int: [10, 20], step: 10 }")
        .replace("slow: { int: [20, 200], step: 10 }", "slow: { int: [50, 100], step: 50 }"),
    );
    const s = await sweepCommand({
      config: cfgPath,
      out,
      workers: 0,
      catalog: cat,
      log,
      onProgress: () => {},
    });
    expect(s.executed).toBe(4);
    expect(JSON.parse(readFileSync(join(out, "summary.json"), "utf8")).executed).toBe(4);
    expect(lines.join("\n")).toContain("4 executed");

    lines.length = 0;
    expect(await runsCommand(["list"], { catalog: cat, order: "sharpe", log })).toBe(0);
    const ids = lines.filter((l) => /^ {2}[0-9a-f]{12} {2}/.test(l)).map((l) => l.trim().slice(0, 12));
    expect(ids.length).toBe(4);
    lines.length = 0;
    expect(await runsCommand(["compare", ids[0]!, ids[1]!], { catalog: cat, log })).toBe(0);
    expect(lines.join("\n")).toMatch(/spec\.params\.(fast|slow)/);
    lines.length = 0;
    expect(await runsCommand(["reproduce", ids[0]!], { catalog: cat, log })).toBe(0);
    expect(lines.join("\n")).toContain("REPRODUCED");
    expect(await runsCommand(["show"], { catalog: cat, log })).toBe(2);
    expect(await runsCommand(["frobnicate"], { catalog: cat, log })).toBe(2);
    expect(existsSync(cat)).toBe(true);
  });

  it("formatProgress draws the bar, rate and ETA; the non-TTY printer prints once per 10%", () => {
    expect(
      formatProgress({
        done: 500,
        total: 1000,
        skipped: 0,
        executed: 500,
        failed: 0,
        elapsedMs: 5000,
        etaMs: 5000,
      }),
    ).toBe(`[${"#".repeat(15)}${".".repeat(15)}] 500/1000  50%  100 runs/s  ETA 5 s`);
    const out: string[] = [];
    const pr = progressPrinter((s) => out.push(s), false);
    for (let d = 1; d <= 100; d++)
      pr({ done: d, total: 100, skipped: 0, executed: d, failed: 0, elapsedMs: d, etaMs: 100 - d });
    expect(out.length).toBe(11);
  });
});
