import { readFileSync } from "node:fs";
import { join } from "node:path";
import { zoneOffsetMs } from "@quantkit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkBars } from "../quality/checkBars.js";
import { openStore, type Store } from "./store.js";

interface GoldenRow {
  i: number;
  ts: number;
  [col: string]: number;
}
interface Golden {
  kind: "bars" | "trades" | "quotes";
  n: number;
  first: number;
  last: number;
  rows: GoldenRow[];
}
const golden = JSON.parse(
  readFileSync(join(import.meta.dirname, "fixtures", "bundled_golden.json"), "utf8"),
) as Record<string, Golden>;

let store: Store;
let root: string;
beforeAll(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  root = mkdtempSync(join(tmpdir(), "qk-bundled-"));
  store = await openStore({ root }); // default bundled root: the repository's datasets/store
});
afterAll(async () => {
  await store.close();
  const { rmSync } = await import("node:fs");
  rmSync(root, { recursive: true, force: true });
});

describe("bundled datasets", () => {
  it("openStore() reads datasets/store without any import step (catalog lists 11 series with provenance)", async () => {
    expect(store.bundledRoot).toMatch(/datasets[/\\]store$/);
    const cat = await store.catalog();
    expect(cat.map((e) => `${e.kind}/${e.timeframe ?? "-"}/${e.symbol}`).sort()).toEqual(
      Object.keys(golden)
        .map((k) => (k.split("/").length === 2 ? k.replace("/", "/-/") : k))
        .sort(),
    );
    for (const e of cat) {
      expect(e.location).toBe("bundled");
      expect(e.provenance.length).toBe(1);
      expect(e.provenance[0]!.note).toMatch(/License|GPL|BSD|LGPL|AGPL/i);
      expect(e.provenance[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  for (const [key, g] of Object.entries(golden)) {
    it(`${key} matches pandas' independent parse of the raw file (count, first/last open time, 25 rows)`, async () => {
      const parts = key.split("/");
      const symbol = parts[parts.length - 1]!;
      const cols: Record<string, Float64Array> =
        g.kind === "bars"
          ? ((await store.getBars({ symbol, timeframe: parts[1] as "1d" })) as unknown as Record<
              string,
              Float64Array
            >)
          : g.kind === "trades"
            ? ((await store.getTrades({ symbol })) as unknown as Record<string, Float64Array>)
            : ((await store.getQuotes({ symbol })) as unknown as Record<string, Float64Array>);
      const ts = cols.ts!;
      expect(ts.length).toBe(g.n);
      expect(ts[0]).toBe(g.first);
      expect(ts[ts.length - 1]).toBe(g.last);
      for (const row of g.rows) {
        for (const [c, v] of Object.entries(row)) {
          if (c === "i") continue;
          expect(cols[c]![row.i], `${key} row ${row.i} ${c}`).toBe(v);
        }
      }
    });
  }

  it("every bundled bar series passes the integrity checks; gaps, outliers and stale runs are reported", async () => {
    const cat = (await store.catalog()).filter((e) => e.kind === "bars");
    const lines: string[] = [];
    for (const e of cat) {
      const bars = await store.getBars({ symbol: e.symbol, timeframe: e.timeframe! });
      const daily = e.timeframe === "1d";
      const r = checkBars(bars, {
        calendar: daily ? "weekdays" : "continuous",
        timezone: e.timezone === "UTC" ? "UTC" : e.timezone,
      });
      for (const k of [
        "duplicates",
        "nonMonotonic",
        "nan",
        "nonPositive",
        "negativeVolume",
        "ohlc",
      ] as const) {
        expect(r[k], `${e.symbol} ${k}`).toEqual([]);
      }
      lines.push(r.summary());
    }
    await expect(`${lines.join("\n\n")}\n`).toMatchFileSnapshot("fixtures/bundled_quality.txt");
  });

  it("getBars resamples bundled 1-minute 6EH4 to 1h and ORCL daily to weekly without any stored 1h/1w data", async () => {
    const h = await store.getBarsWithReport({ symbol: "6EH4", timeframe: "1h" });
    expect(h.source).toBe("1m");
    const m = await store.getBars({ symbol: "6EH4", timeframe: "1m" });
    // every hourly bar's volume is the sum of its minutes, its high their max
    let k = 0;
    for (let i = 0; i < h.bars.length; i++) {
      let v = 0;
      let hi = Number.NEGATIVE_INFINITY;
      while (k < m.length && m.ts[k]! < h.bars.ts[i]!) k++;
      while (k < m.length && m.ts[k]! < h.bars.ts[i]! + 3_600_000) {
        v += m.volume[k]!;
        hi = Math.max(hi, m.high[k]!);
        k++;
      }
      expect(h.bars.volume[i]).toBe(v);
      expect(h.bars.high[i]).toBe(hi);
    }
    const w = await store.getBarsWithReport({ symbol: "ORCL", timeframe: "1w" });
    expect(w.source).toBe("1d");
    // weeks start on Monday 00:00 New York time
    for (const t of w.bars.ts) {
      const local = t + zoneOffsetMs(t, "America/New_York");
      expect(new Date(local).getUTCDay()).toBe(1);
      expect(local % 86_400_000).toBe(0);
    }
  });
});
