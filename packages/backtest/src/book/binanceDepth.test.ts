import { readFileSync } from "node:fs";
import { ValidationError } from "@quantkit/core";
import { describe, expect, it } from "vitest";
import {
  type BinanceDepthEvent,
  BinanceDepthSync,
  depthEventsFromRows,
  depthSnapshotFromRows,
  parseBinanceDepthCsv,
  replayBinanceDepth,
} from "./binanceDepth.js";
import type { L2Book } from "./l2Book.js";

// Real Binance USDT-M BTCUSDT depth data from nautilus_trader's test data (LGPL-3.0), copied from
// /work/shared/datasets/ticks into packages/backtest/test-data.
const dir = new URL("../../test-data/", import.meta.url);
const snapText = readFileSync(new URL("btcusdt-depth-snap.csv", dir), "utf8");
const updText = readFileSync(new URL("btcusdt-depth-update.csv", dir), "utf8");

/** Independent oracle: the raw CSV folded into per-side Maps by plain string splitting. */
function oracle(texts: string[]): { bids: [number, number][]; asks: [number, number][] } {
  const sides = { b: new Map<string, number>(), a: new Map<string, number>() };
  for (const t of texts) {
    for (const line of t.trim().split("\n").slice(1)) {
      const [, , , , side, , price, qty] = line.split(",");
      const m = sides[side as "a" | "b"];
      if (Number(qty) === 0) m.delete(price!);
      else m.set(price!, Number(qty));
    }
  }
  const sorted = (m: Map<string, number>, desc: boolean) =>
    [...m]
      .map(([p, q]) => [Number(p), q] as [number, number])
      .sort((x, y) => (desc ? y[0] - x[0] : x[0] - y[0]));
  return { bids: sorted(sides.b, true), asks: sorted(sides.a, false) };
}
function levels(b: L2Book, side: "buy" | "sell"): [number, number][] {
  const n = b.levels(side);
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  b.depth(side, n, p, q);
  return Array.from(p, (x, i) => [x, q[i]!]);
}

describe("Binance depth replay (real BTCUSDT sample)", () => {
  const snapRows = parseBinanceDepthCsv(snapText, "btcusdt-depth-snap.csv");
  const updRows = parseBinanceDepthCsv(updText, "btcusdt-depth-update.csv");
  const snapshot = depthSnapshotFromRows(snapRows);
  const events = depthEventsFromRows(updRows);

  it("parses the files: 100 snapshot rows (bids only — the sample has no asks) and one 100-row diff event", () => {
    expect(snapRows.length).toBe(100);
    expect(snapRows.every((r) => r.side === "buy")).toBe(true);
    expect(snapshot.lastUpdateId).toBe(2098021528332);
    expect(events.length).toBe(1);
    expect(events[0]).toMatchObject({
      firstUpdateId: 2098041693435,
      lastUpdateId: 2098041696700,
      prevLastUpdateId: 2098041693400,
    });
    expect(events[0]!.changes.length).toBe(100);
  });

  it("detects that the diff event does not continue the snapshot (U > lastUpdateId) and leaves the snapshot book untouched", () => {
    const r = replayBinanceDepth(snapshot, events);
    expect(r.outcomes).toEqual(["gap"]);
    expect(r.sync.synced).toBe(false);
    expect(r.sync.gaps[0]?.reason).toMatch(/U=2098041693435 > snapshot lastUpdateId=2098021528332/);
    const o = oracle([snapText]);
    expect(levels(r.book, "buy")).toEqual(o.bids);
    expect(r.book.levels("sell")).toBe(0);
    expect(r.book.bestBid()).toBe(20377);
    expect(r.book.bestBidQty()).toBe(1.77);
    expect(Number.isNaN(r.book.spread())).toBe(true);
    expect(r.sync.apply(events[0]!)).toBe("needs-snapshot");
  });

  it("applies the real event when the snapshot straddles it (lastUpdateId moved into [U, u]); matches the folded CSV", () => {
    const straddling = { ...snapshot, lastUpdateId: events[0]!.firstUpdateId + 1 };
    const r = replayBinanceDepth(straddling, events);
    expect(r.outcomes).toEqual(["applied"]);
    const o = oracle([snapText, updText]);
    expect(levels(r.book, "buy")).toEqual(o.bids);
    expect(levels(r.book, "sell")).toEqual(o.asks);
    // qty = 0 rows removed levels or were no-ops for absent levels; none is left in the book
    const zeros = updRows.filter((x) => x.qty === 0);
    expect(zeros.length).toBeGreaterThan(0);
    for (const z of zeros) expect(r.book.qtyAt(z.side, z.price)).toBe(0);
    expect(r.book.bestBid()).toBe(20472.1);
    expect(r.book.bestAsk()).toBe(20472.2);
    expect(r.book.spread()).toBeCloseTo(0.1, 9);
    expect(r.book.microprice()).toBeCloseTo((20472.1 * 4.211 + 20472.2 * 22.276) / (22.276 + 4.211), 9);
  });

  it("drops events older than the snapshot (u < lastUpdateId) without touching the book", () => {
    const later = { ...snapshot, lastUpdateId: events[0]!.lastUpdateId + 1 };
    const r = replayBinanceDepth(later, events);
    expect(r.outcomes).toEqual(["stale"]);
    expect(r.sync.synced).toBe(true);
    expect(levels(r.book, "buy")).toEqual(oracle([snapText]).bids);
  });

  it("requires pu == previous u; a break is a gap until a new snapshot re-syncs", () => {
    const e0 = events[0]!;
    const next = (pu: number, price: number): BinanceDepthEvent => ({
      ...e0,
      firstUpdateId: e0.lastUpdateId + 1,
      lastUpdateId: e0.lastUpdateId + 5,
      prevLastUpdateId: pu,
      changes: [{ ...e0.changes[0]!, side: "buy", price, qty: 1 }],
    });
    const sync = new BinanceDepthSync();
    sync.loadSnapshot({ ...snapshot, lastUpdateId: e0.lastUpdateId });
    expect(sync.apply(e0)).toBe("applied");
    expect(sync.apply(next(e0.lastUpdateId, 1))).toBe("applied");
    expect(sync.book.qtyAt("buy", 1)).toBe(1);
    expect(sync.apply(next(e0.lastUpdateId, 2))).toBe("gap"); // pu should be e0.u + 5 now
    expect(sync.book.qtyAt("buy", 2)).toBe(0);
    expect(sync.gaps.at(-1)?.reason).toMatch(/pu=2098041696700 ≠ previous event's u=2098041696705/);
    sync.loadSnapshot(snapshot);
    expect(sync.synced).toBe(true);
  });

  it("reports malformed rows with their row number and field", () => {
    const bad = `${updText.split("\n").slice(0, 3).join("\n")}\nBTCUSDT,1,5,4,x,set,-1,0.1,3\n`;
    expect(() => parseBinanceDepthCsv(bad)).toThrow(ValidationError);
    expect(() => parseBinanceDepthCsv(bad)).toThrow(
      /row 4\.price.*row 4\.side.*row 4: first_update_id 5 > last_update_id 4/,
    );
    expect(() => depthSnapshotFromRows(updRows)).toThrow(/row 2\.update_type/);
  });
});
