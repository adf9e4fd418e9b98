import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runShowcase } from "./run.js";
import { showcaseSummarySchema } from "./summary.js";

describe("runShowcase()", () => {
  const out = mkdtempSync(join(tmpdir(), "qk-showcase-"));
  const home = mkdtempSync(join(tmpdir(), "qk-home-"));
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it("runs end to end on the bundled data and writes a valid summary.json, report.html and PNG/SVG figures", async () => {
    const lines: string[] = [];
    const returned = await runShowcase({ out, root: home, write: (s) => lines.push(s) });
    const summary = showcaseSummarySchema.parse(JSON.parse(readFileSync(join(out, "summary.json"), "utf8")));
    expect(summary).toEqual(returned);
    expect(summary.datasets.length).toBeGreaterThanOrEqual(8);
    expect(summary.quality.map((q) => `${q.symbol} ${q.timeframe}`)).toEqual([
      "ORCL 1d",
      "BTC-PERP 1m",
      "BTC-PERP 1h",
    ]);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("quantkit showcase");
    expect(summary.outputs.staticImages).toBe("written");
    for (const f of summary.outputs.figures) expect(existsSync(join(out, f.file)), f.file).toBe(true);
    expect(lines.join("")).toMatch(/\[1\/\d+\] load and check data/);
    // the small walk-forward: yearly folds over 1999–2014, its figure among the outputs
    expect(summary.steps.walkForward.folds.length).toBe(16);
    expect(summary.outputs.figures.map((f) => f.file)).toContain("figures/walk-forward-folds.png");
  });
});
