import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toPlotArray } from "../figure.js";
import { candlestickFigure } from "./candlestick.js";
import { distributionFigure } from "./distribution.js";
import { equityFigure, underwater } from "./equity.js";
import { fanChartFigure } from "./fanChart.js";
import { heatmapFigure } from "./heatmap.js";
import { LATENCY_PERCENTILES, latencyFigure } from "./latency.js";
import { regimeFigure } from "./regimes.js";
import { barFigure, lineFigure, scatterFigure } from "./series.js";
import { stateDiagramFigure } from "./stateDiagram.js";
import { walkForwardFigure } from "./walkForward.js";

// A small deterministic OHLCV series (no randomness: a damped wave).
const n = 12;
const ts = Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 2 + i));
const close = Float64Array.from({ length: n }, (_, i) => 100 + 5 * Math.sin(i / 2) + i * 0.1);
const open = Float64Array.from(close, (c, i) => (i === 0 ? c : (close[i - 1] as number)));
const high = Float64Array.from(close, (c, i) => Math.max(c, open[i] as number) + 0.5);
const low = Float64Array.from(close, (c, i) => Math.min(c, open[i] as number) - 0.5);
const volume = Float64Array.from({ length: n }, (_, i) => 1000 + 37 * i);
const bars = { symbol: "TEST", ts, open, high, low, close, volume };

function titleOf(fig: { layout: { title?: unknown } }): string {
  const t = fig.layout.title as { text: string } | string | undefined;
  return typeof t === "string" ? t : (t?.text ?? "");
}

function axisTitle(fig: { layout: Record<string, unknown> }, axis: string): string {
  return ((fig.layout[axis] as { title?: { text?: string } } | undefined)?.title?.text ?? "") as string;
}

const figures = {
  candlestick: candlestickFigure(bars, {
    overlays: [{ name: "close", values: close }],
    panels: [{ title: "RSI", series: [{ name: "RSI 14", values: close }], levels: [30, 70] }],
  }),
  equity: equityFigure(ts, close, { benchmark: { name: "Buy & hold", equity: open } }),
  distribution: distributionFigure(
    Float64Array.from(close, (c) => c - 100),
    { valueAtRisk: 3, expectedShortfall: 4, level: "95%", xTitle: "P&L (USD)" },
  ),
  fan: fanChartFigure(
    { x: Float64Array.from({ length: n }, (_, i) => i), bands: { 5: low, 50: close, 95: high } },
    { yTitle: "Price (USD)" },
  ),
  heatmap: heatmapFigure(
    [
      [0.9, 0.1],
      [0.2, 0.8],
    ],
    { title: "Transition matrix", xLabels: ["a", "b"], yLabels: ["a", "b"] },
  ),
  regimes: regimeFigure({
    ts,
    price: close,
    probabilities: [
      Float64Array.from(close, (c) => (c > 100 ? 0.8 : 0.3)),
      Float64Array.from(close, (c) => (c > 100 ? 0.2 : 0.7)),
    ],
    stateNames: ["calm", "turbulent"],
  }),
  line: lineFigure(ts, [{ name: "a", values: close }], { dates: true, title: "Line", yTitle: "Value" }),
  bar: barFigure(["x", "y"], [{ name: "g", values: [1, 2] }], { title: "Bars", yTitle: "Count" }),
  scatter: scatterFigure(volume, close, { colorBySign: true, title: "Scatter", xTitle: "x", yTitle: "y" }),
  walkForward: walkForwardFigure(
    [
      {
        trainStart: ts[0]!,
        trainEnd: ts[6]!,
        testStart: ts[6]!,
        testEnd: ts[9]!,
        inSample: 1.5,
        outOfSample: 0.4,
      },
      {
        trainStart: ts[3]!,
        trainEnd: ts[9]!,
        testStart: ts[9]!,
        testEnd: ts[11]!,
        label: "fast=5 slow=20",
      },
    ],
    { equity: { ts: ts.subarray(6, 11), equity: close.subarray(6, 11) } },
  ),
  latency: latencyFigure([{ name: "round trip", values: close }], {
    yTitle: "Latency (ms)",
    targets: [{ name: "p99 budget", value: 105 }],
  }),
  stateDiagram: stateDiagramFigure(
    [
      [0.9, 0.1, 0],
      [0.2, 0.7, 0.1],
      [0.05, 0.15, 0.8],
    ],
    ["calm", "choppy", "turbulent"],
  ),
};

describe("figure builders", () => {
  it("every builder sets a title and both axis titles", () => {
    for (const [name, fig] of Object.entries(figures)) {
      expect(titleOf(fig), name).not.toBe("");
      if (name !== "heatmap" && name !== "stateDiagram") {
        expect(axisTitle(fig as never, "xaxis"), name).not.toBe("");
        expect(axisTitle(fig as never, "yaxis"), name).not.toBe("");
      }
    }
  });

  it("figure specs match their committed snapshots (numbers rounded to 10 significant digits)", async () => {
    for (const [name, fig] of Object.entries(figures)) {
      await expect(JSON.stringify(fig, null, 1)).toMatchFileSnapshot(`./__snapshots__/${name}.json`);
    }
  });

  it("candlestickFigure puts each panel on its own y axis below the price and anchors x at the bottom", () => {
    const fig = figures.candlestick;
    const layout = fig.layout as Record<string, { domain?: number[]; anchor?: string }>;
    expect(layout.xaxis?.anchor).toBe("y3");
    const price = layout.yaxis?.domain as number[];
    const vol = layout.yaxis2?.domain as number[];
    const rsi = layout.yaxis3?.domain as number[];
    expect(vol[1]).toBeLessThanOrEqual(price[0] as number);
    expect(rsi[1]).toBeLessThanOrEqual(vol[0] as number);
  });

  it("distributionFigure marks VaR and CVaR at minus the positive losses", () => {
    const shapes = figures.distribution.layout.shapes as { x0: number }[];
    expect(shapes.map((s) => s.x0)).toEqual([-3, -4]);
  });
});

describe("walkForwardFigure, latencyFigure, stateDiagramFigure", () => {
  it("walkForwardFigure draws each fold's in-sample and out-of-sample window with its exact extent", () => {
    const [train, test] = figures.walkForward.data as unknown as { base: string[]; x: number[] }[];
    expect(train!.base[1]).toBe(new Date(ts[3]!).toISOString());
    expect(train!.x[1]).toBe(ts[9]! - ts[3]!);
    expect(test!.base[0]).toBe(new Date(ts[6]!).toISOString());
    expect(test!.x[0]).toBe(ts[9]! - ts[6]!);
    expect(figures.walkForward.data[2]?.yaxis).toBe("y2");
  });

  it("latencyFigure puts numpy's linear-interpolation percentiles of the samples on a tail-stretched axis", () => {
    const samples = Float64Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose
    const fig = latencyFigure([{ name: "s", values: samples }]);
    const ys = fig.data[0]!.y as number[];
    // numpy.percentile([1..100], q): 1 + 0.99 q (linear rule)
    for (const [i, q] of LATENCY_PERCENTILES.entries()) expect(ys[i]).toBeCloseTo(1 + 0.99 * q, 9);
    const xs = fig.data[0]!.x as number[];
    expect(xs[LATENCY_PERCENTILES.indexOf(99)]).toBeCloseTo(2, 12);
    const withNaN = latencyFigure([{ name: "s", values: [1, Number.NaN, 3] }]);
    expect(withNaN.data[0]!.name).toBe("s (1 non-finite ignored)");
  });

  it("stateDiagramFigure draws one arrow per transition at or above minProbability and rejects invalid rows", () => {
    const annotations = figures.stateDiagram.layout.annotations as { showarrow: boolean; text: string }[];
    const arrows = annotations.filter((a) => a.showarrow);
    expect(arrows.length).toBe(5); // off-diagonal entries > 0 of the 3×3 matrix
    expect(annotations.filter((a) => !a.showarrow).map((a) => a.text)).toContain("0.150");
    expect(() =>
      stateDiagramFigure([
        [0.5, 0.4],
        [0.5, 0.5],
      ]),
    ).toThrow(/row 0 sums to 0.9/);
    expect(() => stateDiagramFigure([[1], [0.5, 0.5]])).toThrow(/row 0 has 1 entries, expected 2/);
  });
});

describe("underwater(equity)", () => {
  it("underwater(equity) is ≤ 0, 0 exactly at running highs, and equity = peak·(1 + dd)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }),
        (xs) => {
          const eq = Float64Array.from(xs);
          const dd = underwater(eq);
          let peak = 0;
          for (let i = 0; i < eq.length; i++) {
            peak = Math.max(peak, eq[i] as number);
            expect(dd[i]).toBeLessThanOrEqual(0);
            expect(peak * (1 + (dd[i] as number))).toBeCloseTo(eq[i] as number, 6);
            if (eq[i] === peak) expect(dd[i]).toBe(0);
          }
        },
      ),
    );
  });
});

describe("toPlotArray(values, digits)", () => {
  it("toPlotArray turns non-finite values into null gaps and rounds to the given significant digits", () => {
    expect(toPlotArray(new Float64Array([1.23456789, Number.NaN, Number.POSITIVE_INFINITY]), 4)).toEqual([
      1.235,
      null,
      null,
    ]);
  });
});
