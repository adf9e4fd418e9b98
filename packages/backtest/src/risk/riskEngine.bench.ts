/**
 * Pre-trade risk latency: the full default chain (sanity → kill switch → max order size → max position → price
 * band → self-trade prevention → throttle) timed per check with `process.hrtime.bigint()`, p50/p99 over many
 * checks. Target: p99 ≤ 2 µs. The peer is a straightforward implementation of the same checks that allocates a
 * result object per validator and filters an array for the throttle, measured in the same run. The timer's own
 * cost (an empty timed region) is reported and NOT subtracted.
 *
 * Run: `npx tsx --conditions=@quantkit/source packages/backtest/src/risk/riskEngine.bench.ts` (QK_BENCH_TINY=1 for CI).
 */
import { Rng } from "@quantkit/core";
import { printTable, size, tiny } from "@quantkit/core/bench";
import { parseRiskConfig } from "./riskConfig.js";
import { RiskEngine } from "./riskEngine.js";
import type { RiskOpenOrder, RiskOrderRequest, RiskStateView } from "./types.js";

const N = size(1_000_000, 5_000);
const SYMBOLS = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "HHH"];
const config = parseRiskConfig({
  maxOrderQty: { default: 100, symbols: { AAA: 50 } },
  maxPosition: { default: 1_000 },
  priceBand: { bps: 200 },
  throttle: { maxOrders: 50, windowMs: 1_000 },
  killSwitch: { maxLoss: 1e9, maxDrawdown: 0.5 },
});

const rng = new Rng(7, 0);
const orders: RiskOrderRequest[] = [];
for (let i = 0; i < 4096; i++) {
  const symbol = SYMBOLS[rng.int(SYMBOLS.length)]!;
  const market = rng.next() < 0.2;
  orders.push({
    clientOrderId: `c${i}`,
    symbol,
    side: rng.next() < 0.5 ? "buy" : "sell",
    type: market ? "market" : "limit",
    quantity: 1 + rng.int(110), // some exceed the size limit
    limitPrice: market ? undefined : 100 * (1 + (rng.next() - 0.5) * 0.05), // some outside the band
  });
}
const openOrders: RiskOpenOrder[] = SYMBOLS.flatMap((s, i) => [
  { clientOrderId: `rb${i}`, symbol: s, side: "buy" as const, remaining: 10, limitPrice: 90 },
  { clientOrderId: `rs${i}`, symbol: s, side: "sell" as const, remaining: 10, limitPrice: 110 },
]);
const state = {
  time: 0,
  positions: new Map(SYMBOLS.map((s, i) => [s, (i - 4) * 100])),
  openOrders,
  mids: new Map(SYMBOLS.map((s) => [s, 100])),
  equity: 1e6,
  peakEquity: 1e6,
};

/** The peer: same rules, written the obvious way (objects per result, Array.filter for the throttle). */
function makeNaive() {
  const sent = new Map<string, number[]>();
  type R = { ok: boolean; validator?: string; reason?: string };
  const checks: ((o: RiskOrderRequest, s: RiskStateView) => R)[] = [
    (o) =>
      o.quantity > (o.symbol === "AAA" ? 50 : 100)
        ? { ok: false, validator: "size", reason: `qty ${o.quantity}` }
        : { ok: true },
    (o, s) => {
      const pos = s.positions.get(o.symbol) ?? 0;
      const open = s.openOrders
        .filter((x) => x.symbol === o.symbol && x.side === o.side)
        .reduce((a, x) => a + x.remaining, 0);
      const sign = o.side === "buy" ? 1 : -1;
      const after = pos + sign * o.quantity;
      if (Math.abs(after) <= Math.abs(pos)) return { ok: true };
      return Math.abs(after + sign * open) > 1000
        ? { ok: false, validator: "position", reason: "limit" }
        : { ok: true };
    },
    (o, s) => {
      const p = o.limitPrice ?? o.stopPrice;
      if (p === undefined) return { ok: true };
      const mid = s.mids.get(o.symbol);
      if (!mid) return { ok: false, validator: "band", reason: "no mid" };
      return (Math.abs(p - mid) / mid) * 1e4 > 200
        ? { ok: false, validator: "band", reason: `${p}` }
        : { ok: true };
    },
    (o, s) =>
      s.openOrders.some(
        (x) =>
          x.symbol === o.symbol &&
          x.side !== o.side &&
          x.limitPrice !== undefined &&
          (o.limitPrice === undefined ||
            (o.side === "buy" ? x.limitPrice <= o.limitPrice : x.limitPrice >= o.limitPrice)),
      )
        ? { ok: false, validator: "stp", reason: "cross" }
        : { ok: true },
    (o, s) => {
      const recent = (sent.get(o.symbol) ?? []).filter((t) => t > s.time - 1000);
      sent.set(o.symbol, recent);
      return recent.length >= 50 ? { ok: false, validator: "throttle", reason: "rate" } : { ok: true };
    },
  ];
  return (o: RiskOrderRequest, s: RiskStateView): R => {
    for (const c of checks) {
      const r = c(o, s);
      if (!r.ok) return r;
    }
    sent.get(o.symbol)?.push(s.time);
    return { ok: true };
  };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function timeChecks(check: (o: RiskOrderRequest) => boolean): {
  ms: number;
  p50: number;
  p99: number;
  p999: number;
  accepted: number;
} {
  const lat = new Float64Array(N);
  let accepted = 0;
  state.time = 0;
  for (let i = 0; i < N; i++) {
    state.time += 2; // 500 orders/s across 8 symbols: the throttle binds sometimes
    const o = orders[i & 4095]!;
    const t0 = process.hrtime.bigint();
    const ok = check(o);
    const t1 = process.hrtime.bigint();
    lat[i] = Number(t1 - t0);
    if (ok) accepted++;
  }
  let total = 0;
  for (let i = 0; i < N; i++) total += lat[i]!;
  lat.sort();
  return {
    ms: total / 1e6,
    p50: percentile(lat, 0.5),
    p99: percentile(lat, 0.99),
    p999: percentile(lat, 0.999),
    accepted,
  };
}

const warm = tiny ? 0 : 3;
let engine = RiskEngine.fromConfig(config);
let naive = makeNaive();
for (let w = 0; w < warm; w++) {
  engine = RiskEngine.fromConfig(config);
  timeChecks((o) => engine.check(o, state).accepted);
  naive = makeNaive();
  timeChecks((o) => naive(o, state).ok);
}
engine = RiskEngine.fromConfig(config);
const fast = timeChecks((o) => engine.check(o, state).accepted);
naive = makeNaive();
const slow = timeChecks((o) => naive(o, state).ok);
const empty = timeChecks(() => true);
if (fast.accepted !== slow.accepted)
  throw new Error(`engines disagree: accepted ${fast.accepted} vs ${slow.accepted}`);

printTable(
  `Pre-trade risk check latency, full chain, ${N} checks (ns per check via hrtime; ms = sum of timed regions)`,
  [
    {
      name: "quantkit RiskEngine",
      ms: fast.ms,
      "p50 ns": fast.p50,
      "p99 ns": fast.p99,
      "p99.9 ns": fast.p999,
      accepted: fast.accepted,
      "p99 vs naive": slow.p99 / fast.p99,
      target: "p99 ≤ 2000 ns",
    },
    {
      name: "naive allocating chain (peer)",
      ms: slow.ms,
      "p50 ns": slow.p50,
      "p99 ns": slow.p99,
      "p99.9 ns": slow.p999,
      accepted: slow.accepted,
      "p99 vs naive": 1,
    },
    {
      name: "empty timed region (timer cost)",
      ms: empty.ms,
      "p50 ns": empty.p50,
      "p99 ns": empty.p99,
      "p99.9 ns": empty.p999,
    },
  ],
);
