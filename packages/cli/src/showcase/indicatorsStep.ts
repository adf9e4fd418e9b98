import type { Bars } from "@quantkit/core";
import { sliceBars } from "@quantkit/core";
import { macd, Rsi, rsi, sma } from "@quantkit/indicators";
import type { Figure } from "@quantkit/viz";
import { candlestickFigure } from "@quantkit/viz";

/** What the indicators step computed. */
export interface IndicatorsStepResult {
  readonly sma50: Float64Array;
  readonly sma200: Float64Array;
  readonly rsi14: Float64Array;
  /** Bars where the streaming RSI differs from the vectorized one (0: identical bit for bit). */
  readonly streamingMismatches: number;
  readonly figure: Figure;
  readonly lines: readonly string[];
}

/**
 * Vectorized SMA(50), SMA(200), RSI(14) and MACD(12, 26, 9) on the daily series, the streaming RSI replayed bar by bar
 * and compared with the vectorized one, and a candlestick figure of the last year with overlays and panels.
 */
export function indicatorsStep(daily: Bars): IndicatorsStepResult {
  const sma50 = sma(daily.close, { period: 50 });
  const sma200 = sma(daily.close, { period: 200 });
  const rsi14 = rsi(daily.close, { period: 14 });
  const m = macd(daily.close, { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 });
  const stream = new Rsi({ period: 14 });
  let streamingMismatches = 0;
  for (let i = 0; i < daily.length; i++) {
    if (!Object.is(stream.update(daily.close[i] as number), rsi14[i])) streamingMismatches++;
  }
  const from = Math.max(0, daily.length - 252);
  const last = sliceBars(daily, from);
  const figure = candlestickFigure(last, {
    title: `${daily.symbol} daily with SMA(50/200), RSI(14) and MACD(12,26,9)`,
    priceTitle: "Price (USD)",
    overlays: [
      { name: "SMA 50", values: sma50.subarray(from) },
      { name: "SMA 200", values: sma200.subarray(from), dash: "dash" },
    ],
    panels: [
      { title: "RSI", series: [{ name: "RSI 14", values: rsi14.subarray(from) }], levels: [30, 70] },
      {
        title: "MACD",
        series: [
          { name: "MACD", values: m.macd.subarray(from) },
          { name: "Signal", values: m.signal.subarray(from) },
        ],
        levels: [0],
      },
    ],
  });
  const n = daily.length - 1;
  return {
    sma50,
    sma200,
    rsi14,
    streamingMismatches,
    figure,
    lines: [
      `Indicators on ${daily.symbol} (last bar): SMA50 ${(sma50[n] as number).toFixed(2)}, SMA200 ${(sma200[n] as number).toFixed(2)}, RSI14 ${(rsi14[n] as number).toFixed(1)}, MACD ${(m.macd[n] as number).toFixed(3)}`,
      `Streaming RSI replayed over ${daily.length} bars: ${streamingMismatches === 0 ? "identical to the vectorized RSI bit for bit" : `${streamingMismatches} bars differ`}`,
    ],
  };
}
