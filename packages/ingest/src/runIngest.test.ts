import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { aggregateTicks, openStore } from "@quantkit/data";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeCoinbase } from "./fake/fakeCoinbase.js";
import { loadTardisTrades } from "./fake/replayData.js";
import { sourceColumns } from "./fake/sourceColumns.testutil.js";
import { INGEST_TIMEFRAMES } from "./pipeline/ingestPipeline.js";
import { runIngest } from "./runIngest.js";

vi.setConfig({ testTimeout: 60_000 });
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("runIngest (the `quantkit ingest` command as a function)", () => {
  it("--venue fake stores every replayed trade; a second run resumes from the checkpoint and adds nothing", async () => {
    const root = mkdtempSync(join(tmpdir(), "qk-run-"));
    dirs.push(root);
    const r = await runIngest({ venue: "fake", symbols: ["BTCUSDT"], store: root });
    expect(r.tradesWritten).toEqual({ BTCUSDT: 9999 });
    expect(r.metrics).toContain("quantkit_ingest_messages_total");
    const again = await runIngest({ venue: "fake", symbols: ["BTCUSDT"], store: root });
    expect(again.trades).toEqual({ BTCUSDT: 0 });
    const store = await openStore({ root, bundled: false });
    try {
      expect((await store.getTrades({ symbol: "BTCUSDT" })).length).toBe(9999);
    } finally {
      await store.close();
    }
  });
  it("rejects bad options naming the field", async () => {
    await expect(runIngest({ venue: "fake", symbols: ["ETHUSDT"], store: "/tmp/x" })).rejects.toThrow(
      /symbols/,
    );
    await expect(runIngest({ venue: "coinbase", symbols: ["BTCUSD"], store: "/tmp/x" })).rejects.toThrow(
      /symbols\.0.*BTC-USD/,
    );
    await expect(runIngest({ venue: "binance", symbols: ["BTC-USD"], store: "/tmp/x" })).rejects.toThrow(
      /symbols\.0.*BTCUSDT/,
    );
    await expect(
      runIngest({
        venue: "coinbase",
        symbols: ["BTC-USD"],
        store: "/tmp/x",
        stopAfterTradeId: { "ETH-USD": 1 },
      }),
    ).rejects.toThrow(/stopAfterTradeId/);
  });

  it("--venue coinbase against the fake Coinbase (duplicates, a gap, a disconnect): stored trades equal the served trades (aggressor side from the maker's), bars equal aggregateTicks; a second run resumes and adds nothing", async () => {
    const root = mkdtempSync(join(tmpdir(), "qk-run-cb-"));
    dirs.push(root);
    const src = loadTardisTrades(
      fileURLToPath(
        new URL("../test-data/tardis_binance-futures_BTCUSDT_trades_2020-02-22.csv", import.meta.url),
      ),
    ).slice(0, 3000);
    const ex = await FakeCoinbase.start(src, { tradesPerTick: 40, tickMs: 2, heartbeatMs: 50 });
    try {
      ex.schedule([
        { at: 500, fault: { kind: "duplicate", count: 20 } },
        { at: 1200, fault: { kind: "gap", count: 90 } },
        { at: 2000, fault: { kind: "disconnect" } },
      ]);
      const P = "BTC-USD";
      const opts = {
        venue: "coinbase" as const,
        symbols: [P],
        store: root,
        wsUrl: ex.wsUrl,
        restUrl: ex.restUrl,
        batchSize: 300,
        startAfterTradeId: { [P]: src[0]!.id - 1 },
        stopAfterTradeId: { [P]: src[src.length - 1]!.id },
      };
      const running = runIngest(opts);
      while (ex.subscribers("matches") === 0) await new Promise((r) => setTimeout(r, 5));
      ex.play();
      const r = await running;
      expect(r.tradesWritten).toEqual({ [P]: src.length });
      expect(r.metrics).toMatch(/quantkit_ingest_duplicates_total\{[^}]*\} [1-9]/);
      expect(r.metrics).toMatch(/quantkit_ingest_reconnects_total\{[^}]*\} [1-9]/);
      const again = await runIngest(opts);
      expect(again.trades).toEqual({ [P]: 0 });
      const want = sourceColumns(src, P);
      const store = await openStore({ root, bundled: false });
      try {
        const got = await store.getTrades({ symbol: P });
        for (const k of ["ts", "price", "size", "side"] as const) expect(got[k], k).toEqual(want[k]);
        for (const tf of INGEST_TIMEFRAMES) {
          const ref = aggregateTicks(want, tf, { includeIncomplete: true });
          const bars = await store.getBars({ symbol: P, timeframe: tf, includeIncomplete: true });
          for (const k of ["ts", "open", "high", "low", "close", "volume"] as const)
            expect(bars[k], `${tf} ${k}`).toEqual(ref[k]);
        }
      } finally {
        await store.close();
      }
    } finally {
      await ex.close();
    }
  });
});
