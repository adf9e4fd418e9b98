import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { isoUtc, sliceBars } from "@quantkit/core";
import { openStore } from "@quantkit/data";
import type { Figure, ReportSection } from "@quantkit/viz";
import { ChromiumNotFoundError, candlestickFigure, FigureRenderer, writeHtmlReport } from "@quantkit/viz";
import { Steps } from "../progress.js";
import { backtestStep } from "./backtestStep.js";
import { dataStep } from "./dataStep.js";
import { indicatorsStep } from "./indicatorsStep.js";
import { ingestStep } from "./ingestStep.js";
import { regimesStep } from "./regimesStep.js";
import { riskStep } from "./riskStep.js";
import type { ShowcaseSummary } from "./summary.js";
import { showcaseSummarySchema } from "./summary.js";
import { walkForwardStep } from "./walkForwardStep.js";

/** Options of {@link runShowcase}. */
export interface ShowcaseOptions {
  /** Output folder. @default "out/showcase" */
  readonly out?: string;
  /** Store root (the bundled datasets are always readable). @default openStore's default */
  readonly root?: string;
  /** Skip PNG/SVG rendering even when Chromium exists. @default false */
  readonly noImages?: boolean;
  /** Where progress lines go. @default stdout */
  readonly write?: (line: string) => void;
}

interface NamedFigure {
  readonly name: string;
  readonly shows: string;
  readonly section: string;
  readonly figure: Figure;
}

/** JSON has no NaN: a metric that does not exist (a fold that never traded) is written as null. */
const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Which post of the blog series each report section's figures illustrate. */
const BLOG_POST: Record<string, string> = {
  Data: "post 7: OHLCV data",
  Indicators: "post 7: indicators",
  Regimes: "post 8: regime classification and transition matrices",
  Risk: "post 9: price-path simulation and VaR/CVaR",
  Backtest: "backtesting posts: equity, fills, trades",
  "Walk-forward": "backtesting posts: walk-forward and robustness",
  Ingestion: "ingestion post: throughput and latency",
};

/**
 * The showcase behind `npm start`: on the bundled data, load and check data, then (as the packages grow) indicators,
 * regimes, a backtest and its risk; writes `report.html`, PNG/SVG figures and `summary.json` under `out`.
 *
 * @example
 * const summary = await runShowcase({ out: "out/showcase" }); // summary.outputs.report → "out/showcase/report.html"
 */
export async function runShowcase(options: ShowcaseOptions = {}): Promise<ShowcaseSummary> {
  const t0 = performance.now();
  const out = options.out ?? join("out", "showcase");
  const write = options.write ?? ((s: string) => process.stdout.write(s));
  mkdirSync(out, { recursive: true });
  const steps = new Steps(9, write);
  const figures: NamedFigure[] = [];
  const notes: string[] = [];

  const store = await openStore(options.root ? { root: options.root } : {});
  let data: Awaited<ReturnType<typeof dataStep>>;
  try {
    data = await steps.run("load and check data", () => dataStep(store));
  } finally {
    await store.close();
  }
  notes.push(...data.lines);
  for (const q of data.quality) notes.push(q.summary());

  const lastYear = sliceBars(data.daily, Math.max(0, data.daily.length - 252));
  figures.push({
    name: "price-daily",
    section: "Data",
    shows: `${lastYear.symbol} daily candlesticks with volume, last 252 sessions`,
    figure: candlestickFigure(lastYear, { title: `${lastYear.symbol} daily`, priceTitle: "Price (USD)" }),
  });
  const lastWeek = sliceBars(data.hourly, Math.max(0, data.hourly.length - 24 * 7));
  figures.push({
    name: "price-hourly",
    section: "Data",
    shows: `${lastWeek.symbol} 1-minute bars resampled to 1 hour, last 7 days`,
    figure: candlestickFigure(lastWeek, {
      title: `${lastWeek.symbol} hourly (from 1m)`,
      priceTitle: "Price (USD)",
    }),
  });

  const indicators = await steps.run("indicators", () => indicatorsStep(data.daily));
  notes.push(...indicators.lines);
  figures.push({
    name: "indicators-daily",
    section: "Indicators",
    shows: `${data.daily.symbol} daily candlesticks with SMA(50/200) overlays, RSI(14) and MACD panels, last 252 sessions`,
    figure: indicators.figure,
  });

  const regimes = await steps.run("regime detection", () => regimesStep(data.daily));
  notes.push(...regimes.lines);
  for (const f of regimes.figures) figures.push({ ...f, section: "Regimes" });

  const dailyReturns = new Float64Array(data.daily.length - 1);
  for (let i = 1; i < data.daily.length; i++) {
    dailyReturns[i - 1] = (data.daily.close[i] as number) / (data.daily.close[i - 1] as number) - 1;
  }
  const risk = await steps.run("Monte Carlo risk", () =>
    riskStep(`${data.daily.symbol} daily returns`, dailyReturns),
  );
  notes.push(...risk.lines);
  for (const f of risk.figures) figures.push({ ...f, section: "Risk" });

  const backtest = await steps.run("backtest with fill sensitivity and its risk", () =>
    backtestStep(data.daily),
  );
  notes.push(...backtest.lines);
  for (const f of backtest.figures) figures.push({ ...f, section: "Backtest" });

  const wf = await steps.run("walk-forward", () => walkForwardStep(data.daily));
  notes.push(...wf.lines);
  for (const f of wf.figures) figures.push({ ...f, section: "Walk-forward" });

  const ingest = await steps.run("ingestion from a loopback exchange", () => ingestStep());
  notes.push(...ingest.lines);
  for (const f of ingest.figures) figures.push({ ...f, section: "Ingestion" });

  const reportPath = join(out, "report.html");
  await steps.run("write report.html", () => {
    const sections: ReportSection[] = [{ title: "Summary", text: notes.join("\n\n") }];
    for (const f of figures) sections.push({ title: f.shows, figure: f.figure });
    writeHtmlReport(reportPath, {
      title: "quantkit showcase",
      subtitle: "Generated by `npm start` from the bundled datasets (see datasets/SOURCES.md).",
      sections,
    });
  });

  let staticImages: ShowcaseSummary["outputs"]["staticImages"] = "written";
  const figureFiles: { file: string; shows: string; post: string }[] = [];
  await steps.run("render PNG/SVG figures", async () => {
    if (options.noImages) {
      staticImages = "skipped: no chromium";
      return;
    }
    let renderer: FigureRenderer;
    try {
      renderer = await FigureRenderer.launch();
    } catch (error) {
      if (!(error instanceof ChromiumNotFoundError)) throw error;
      staticImages = "skipped: no chromium";
      write(`\n  ${error.message}\n  `);
      return;
    }
    try {
      const dir = join(out, "figures");
      mkdirSync(dir, { recursive: true });
      for (const f of figures) {
        const png = join(dir, `${f.name}.png`);
        const svg = join(dir, `${f.name}.svg`);
        writeFileSync(png, await renderer.render(f.figure, { format: "png" }));
        writeFileSync(svg, await renderer.render(f.figure, { format: "svg" }));
        const post = BLOG_POST[f.section] ?? f.section;
        figureFiles.push(
          { file: relative(out, png), shows: f.shows, post },
          { file: relative(out, svg), shows: f.shows, post },
        );
      }
      const manifest = figureFiles.map((f) => ({ ...f, file: relative(dir, join(out, f.file)) }));
      writeFileSync(join(dir, "manifest.json"), `${JSON.stringify({ figures: manifest }, null, 2)}\n`);
    } finally {
      await renderer.close();
    }
  });

  const summary: ShowcaseSummary = showcaseSummarySchema.parse({
    version: 1,
    generatedBy: "quantkit showcase",
    seconds: Number(((performance.now() - t0) / 1000).toFixed(2)),
    datasets: data.catalog.map((c) => ({
      kind: c.kind,
      symbol: c.symbol,
      timeframe: c.timeframe,
      rows: c.rows,
      start: isoUtc(c.start),
      end: isoUtc(c.end),
    })),
    quality: data.quality.map((q) => ({
      symbol: q.symbol,
      timeframe: q.timeframe,
      rows: q.rows,
      ok: q.ok,
      issues: {
        duplicates: q.duplicates.length,
        nonMonotonic: q.nonMonotonic.length,
        nan: q.nan.length,
        nonPositive: q.nonPositive.length,
        negativeVolume: q.negativeVolume.length,
        ohlc: q.ohlc.length,
        gaps: q.gaps.length,
        outliers: q.outliers.length,
        staleRuns: q.staleRuns.length,
      },
    })),
    steps: {
      data: {
        daily: { symbol: data.daily.symbol, bars: data.daily.length },
        minute: { symbol: data.minute.symbol, bars: data.minute.length, hourlyBars: data.hourly.length },
      },
      indicators: {
        lastSma50: indicators.sma50[data.daily.length - 1],
        lastSma200: indicators.sma200[data.daily.length - 1],
        lastRsi14: indicators.rsi14[data.daily.length - 1],
        streamingMismatches: indicators.streamingMismatches,
      },
      regimes: {
        trainEnd: regimes.trainEnd,
        transMat: regimes.transMat,
        stdDaily: regimes.stdDaily,
        expectedDurations: regimes.expectedDurations,
        turbulentShareOutOfSample: regimes.turbulentShareOutOfSample,
      },
      risk: { level: risk.level, daily: risk.daily, simulation: risk.simulation },
      backtest: {
        strategy: backtest.result.config.strategy,
        params: backtest.result.config.params,
        metrics: backtest.result.metrics,
        orders: backtest.result.orders.length,
        fills: backtest.result.fills.length,
        trades: backtest.result.trades.length,
        fillSensitivity: backtest.sensitivity,
        risk: backtest.risk,
      },
      walkForward: {
        studyId: wf.result.studyId,
        folds: wf.result.folds.map((f) => ({
          inSample: [isoUtc(f.trainStart), isoUtc(f.trainEnd)],
          outOfSample: [isoUtc(f.testStart), isoUtc(f.testEnd)],
          params: f.params,
          inSampleSharpe: finiteOrNull(f.inSample),
          outOfSampleSharpe: finiteOrNull(f.outOfSample),
        })),
        meanInSampleSharpe: finiteOrNull(wf.result.summary.inSample),
        meanOutOfSampleSharpe: finiteOrNull(wf.result.summary.outOfSample),
        efficiency: finiteOrNull(wf.result.summary.efficiency),
        parameterChanges: wf.result.stability.changes,
        oosTotalReturn: wf.result.oos.metrics.totalReturn,
        oosMaxDrawdown: wf.result.oos.metrics.maxDrawdown,
      },
      ingest: {
        trades: ingest.trades,
        barsWritten: ingest.barsWritten,
        seconds: ingest.seconds,
        tradesPerSecond: ingest.tradesPerSecond,
        latency: ingest.latency,
      },
    },
    outputs: { report: "report.html", figures: figureFiles, staticImages },
  });
  writeFileSync(join(out, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  write(`\n${notes.join("\n")}\n`);
  return summary;
}
