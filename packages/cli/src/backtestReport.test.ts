import { loadBacktestConfig, loadDataAsync, runBacktest } from "@quantkit/backtest";
import { htmlReport } from "@quantkit/viz";
import { describe, expect, it } from "vitest";
import { backtestReport } from "./backtestReport.js";

describe("backtestReport(result, bars)", () => {
  it("holds the metrics table, equity with underwater, trade markers per symbol and the returns histogram with VaR", async () => {
    const config = loadBacktestConfig(
      new URL("../../backtest/configs/sma-cross-orcl.yaml", import.meta.url).pathname,
    );
    const bars = await loadDataAsync(config);
    const result = runBacktest(config, { bars });
    const report = backtestReport(result, bars);
    const figures = report.sections.flatMap((s) => (s.figure ? [s.figure] : []));
    expect(figures).toHaveLength(3);
    const [equity, trades, returns] = figures;
    expect(equity?.layout.yaxis2).toBeDefined();
    const markers = trades?.data.filter((t) => t.mode === "markers") ?? [];
    const exits = markers.find((t) => t.name === "Exit") as { x: unknown[] } | undefined;
    expect(exits?.x.length).toBe(result.trades.length);
    expect(returns?.layout.shapes as unknown[]).toHaveLength(1);
    expect(report.sections[0]?.html).toContain("Sharpe");
    const html = htmlReport(report);
    expect(html.split("<script>").length - 1).toBe(2); // plotly.js once, then one script drawing every figure
  });
});
