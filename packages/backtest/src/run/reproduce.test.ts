import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { backtestCli } from "./backtest-cli.js";
import { loadBacktestConfig } from "./config.js";
import { reproduceRun } from "./reproduce.js";
import { loadData } from "./run-backtest.js";

describe("reproduceRun(manifest)", () => {
  it("re-runs from manifest.json to the same equity and orders, and refuses changed data", async () => {
    const out = mkdtempSync(join(tmpdir(), "qk-repro-"));
    const cfg = new URL("../../configs/sma-cross-orcl.yaml", import.meta.url).pathname;
    const first = await backtestCli({ config: cfg, out });
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    const again = await reproduceRun(manifest);
    expect(again.equity).toEqual(first.equity);
    expect(again.orders).toEqual(first.orders);
    const bars = loadData(loadBacktestConfig(cfg));
    bars[0]!.close[100] = bars[0]!.close[100]! + 0.01;
    await expect(reproduceRun(manifest, { bars })).rejects.toThrow(/data\[0\]: ORCL 1d: fingerprint/);
  });
});
