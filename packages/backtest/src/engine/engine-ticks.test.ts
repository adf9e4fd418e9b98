import { describe, expect, it } from "vitest";
import { Engine } from "./engine.js";
import type { Strategy } from "./strategy.js";

const f64 = (xs: number[]) => new Float64Array(xs);

describe("Engine on trades and quotes", () => {
  it("trades: a limit fills on a later print that trades through it, never on the print it was decided on", () => {
    const trades = {
      symbol: "BTC",
      length: 4,
      ts: f64([1000, 2000, 3000, 4000]),
      price: f64([100, 99.5, 98.9, 99.2]),
      size: f64([1, 1, 2, 1]),
      side: f64([1, -1, -1, 1]),
    };
    const seen: number[] = [];
    const s: Strategy = {
      onTrade(_sym, t, ctx) {
        seen.push(t.price);
        if (t.ts === 1000) ctx.submit({ symbol: "BTC", side: "buy", qty: 1, type: "limit", limitPrice: 99 });
      },
    };
    const r = new Engine({ trades: [trades], strategy: s }).run();
    expect(seen).toEqual([100, 99.5, 98.9, 99.2]);
    expect(r.fills).toHaveLength(1);
    expect(r.fills[0]).toMatchObject({ price: 99, ts: 3000, qty: 1 });
  });

  it("quotes: market buys fill at the ask, sells at the bid, capped by the quoted size", () => {
    const quotes = {
      symbol: "EURUSD",
      length: 3,
      ts: f64([1, 2, 3]),
      bid: f64([1.1, 1.2, 1.3]),
      ask: f64([1.101, 1.201, 1.301]),
      bidSize: f64([5, 5, 5]),
      askSize: f64([3, 3, 3]),
    };
    const s: Strategy = {
      onQuote(_sym, q, ctx) {
        if (q.ts === 1) {
          ctx.submit({ symbol: "EURUSD", side: "buy", qty: 4 });
          ctx.submit({ symbol: "EURUSD", side: "sell", qty: 2 });
        }
      },
    };
    const r = new Engine({ quotes: [quotes], strategy: s, fill: { volumeParticipation: 1 } }).run();
    expect(r.fills.map((f) => [f.side, f.qty, f.price, f.ts])).toEqual([
      ["buy", 3, 1.201, 2],
      ["sell", 2, 1.2, 2],
      ["buy", 1, 1.301, 3],
    ]);
  });
});
