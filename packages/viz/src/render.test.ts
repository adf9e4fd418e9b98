import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { candlestickFigure } from "./figures/candlestick.js";
import { equityFigure } from "./figures/equity.js";
import { heatmapFigure } from "./figures/heatmap.js";
import { htmlReport } from "./html.js";
import { FigureRenderer, findChromium } from "./render.js";

const ts = Float64Array.from({ length: 30 }, (_, i) => Date.UTC(2024, 0, 1 + i));
const close = Float64Array.from({ length: 30 }, (_, i) => 100 + Math.sin(i / 3) * 4);
const bars = {
  symbol: "T",
  ts,
  open: close,
  high: close.map((c) => c + 1),
  low: close.map((c) => c - 1),
  close,
};

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

// These tests need Debian's chromium (installed by scripts/install-system-deps.sh and .ci/run); they fail, not skip,
// when it is missing, so CI cannot pass without really rendering.
describe("FigureRenderer (headless Chromium)", () => {
  let renderer: FigureRenderer;
  beforeAll(async () => {
    renderer = await FigureRenderer.launch();
  });
  afterAll(async () => {
    await renderer?.close();
  });

  it("render(fig, {format: 'png'}) returns a non-empty PNG of the requested size", async () => {
    const png = await renderer.render(candlestickFigure(bars), { format: "png", width: 800, height: 450 });
    expect(pngSize(png)).toEqual({ width: 800, height: 450 });
    expect(png.length).toBeGreaterThan(10_000);
  });

  it("render(fig, {format: 'svg'}) is deterministic: the same figure gives the same bytes", async () => {
    const fig = equityFigure(ts, close);
    const a = await renderer.render(fig, { format: "svg" });
    const b = await renderer.render(fig, { format: "svg" });
    expect(a.startsWith("<svg")).toBe(true);
    expect(a).toContain("Equity and drawdown");
    expect(a).toBe(b);
  });
});

describe("htmlReport(report)", () => {
  const html = htmlReport({
    title: "Report <test>",
    sections: [
      { title: "Price", figure: candlestickFigure(bars) },
      { title: "Equity", text: "Two paragraphs.\n\nSecond one.", figure: equityFigure(ts, close) },
      {
        figure: heatmapFigure(
          [
            [1, 0],
            [0, 1],
          ],
          { title: "Identity" },
        ),
      },
    ],
  });

  it("embeds plotly.js once for the whole report and escapes the title", () => {
    expect(html.split("Plotly.newPlot").length - 1).toBeGreaterThanOrEqual(1);
    expect(html.split('"Plotly"').length).toBeLessThanOrEqual(2);
    const plotlyHeaders = html.match(/plotly\.js v\d+\.\d+\.\d+/g) ?? [];
    expect(new Set(plotlyHeaders).size).toBe(1);
    expect(html.split("<script>").length - 1).toBe(2);
    expect(html).toContain("Report &lt;test&gt;");
  });

  it("loads offline in Chromium and draws every figure without console errors", async () => {
    const server = createServer((_, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const browser = await chromium.launch({
      executablePath: findChromium(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
      ],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(
        () =>
          (
            globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
          ).document.querySelectorAll(".figure .main-svg").length >= 3,
      );
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      server.close();
    }
  });
});
