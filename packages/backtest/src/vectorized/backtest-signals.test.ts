import { sma } from "@quantkit/indicators";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Engine } from "../engine/engine.js";
import { randomBars } from "../engine/random-bars.js";
import { loadBarsCsv } from "../run/load-bars-csv.js";
import { SmaCross } from "../strategies/sma-cross.js";
import { backtestSignals, crossSignals } from "./backtest-signals.js";

const orcl = loadBarsCsv(new URL("../../test-data/ohlcv/orcl-1995-2014.txt", import.meta.url).pathname, {
  symbol: "ORCL",
  timeframe: "1d",
  timezone: "America/New_York",
});

function both(
  bars: typeof orcl,
  fast: number,
  slow: number,
  sizing: { qty: number } | { percentEquity: number },
  bps: number,
) {
  const commission = { perShare: 0.005, bps: 1, flat: 0, minimum: 1 };
  const ev = new Engine({
    bars: [bars],
    strategy: new SmaCross({ fast, slow, sizing }),
    portfolio: { initialCash: 100_000, commission },
    fill: { slippage: bps > 0 ? { model: "fixed-bps", bps } : { model: "none" } },
    log: "off",
  }).run();
  const { entries, exits } = crossSignals(
    sma(bars.close, { period: fast }),
    sma(bars.close, { period: slow }),
  );
  const vec = backtestSignals(bars, entries, exits, {
    initialCash: 100_000,
    commission,
    slippageBps: bps,
    ...("qty" in sizing ? { qty: sizing.qty } : { percentEquity: sizing.percentEquity }),
  });
  return { ev, vec };
}

describe("backtestSignals", () => {
  it("agrees bit for bit with the event engine on SMA-crossover, ORCL daily 1995-2014 (real data)", () => {
    const { ev, vec } = both(orcl, 10, 30, { qty: 100 }, 5);
    expect(ev.fills.length).toBeGreaterThan(100);
    expect(vec.fills).toBe(ev.fills.length);
    expect(vec.equity).toEqual(ev.equity);
  });

  it("agrees with the event engine for random data, periods and sizing (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 2, max: 10 }),
        fc.integer({ min: 1, max: 30 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 20 }),
        (seed, fast, extra, pct, bps) => {
          const bars = randomBars(800, seed);
          const { ev, vec } = both(bars, fast, fast + extra, pct ? { percentEquity: 0.9 } : { qty: 7 }, bps);
          expect(vec.fills).toBe(ev.fills.length);
          expect(vec.equity).toEqual(ev.equity);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("signals on the last bar do not trade (no next open)", () => {
    const bars = randomBars(3, 1);
    const r = backtestSignals(bars, new Uint8Array([0, 0, 1]), new Uint8Array(3), { qty: 1 });
    expect(r.fills).toBe(0);
    expect([...r.equity]).toEqual([100_000, 100_000, 100_000]);
  });
});
