import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QuantkitError, ValidationError } from "@quantkit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../store/store.js";

let dir: string;
let store: Store;
let k = 0;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "qk-bad-"));
  store = await openStore({ root: join(dir, "store"), bundled: false });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const HEADER = "timestamp,open,high,low,close,volume";
function file(lines: string[], name = `f${k++}.csv`): string {
  const p = join(dir, name);
  writeFileSync(p, `${lines.join("\n")}\n`);
  return p;
}
const sym = () => `S${k++}`;
const bar = (min: number, o = 10, h = 11, l = 9, c = 10.5, v = 100) =>
  `2024-01-02 09:${String(min).padStart(2, "0")}:00,${o},${h},${l},${c},${v}`;

describe("importCsv(path, options): the bad-input corpus, each with its exact report or error", () => {
  it("rejects a NaN value with its line number and keeps the other rows", async () => {
    const r = await store.importCsv(file([HEADER, bar(0), "2024-01-02 09:01:00,10,11,9,NaN,100", bar(2)]), {
      symbol: sym(),
      timeframe: "1m",
    });
    expect(r.accepted).toBe(2);
    expect(r.rejectedCount).toBe(1);
    expect(r.rejected).toEqual([
      { line: 3, reason: "close: NaN", text: "2024-01-02 09:01:00,10,11,9,NaN,100" },
    ]);
    // and quarantined to a CSV next to the store
    expect(readFileSync(r.quarantine!, "utf8")).toBe(
      'line,reason,text\n3,"close: NaN","2024-01-02 09:01:00,10,11,9,NaN,100"\n',
    );
  });

  it("rejects later rows repeating a timestamp, saying whether the values were identical", async () => {
    const r = await store.importCsv(file([HEADER, bar(0), bar(1), bar(1), bar(1, 10, 12)]), {
      symbol: sym(),
      timeframe: "1m",
    });
    expect(r.accepted).toBe(2);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [4, "duplicate ts of line 3 (identical values): the first row is kept"],
      [5, "duplicate ts of line 3 (different values): the first row is kept"],
    ]);
  });

  it("stores unsorted rows in time order and reports how many went back in time and the first such line", async () => {
    const s = sym();
    const r = await store.importCsv(file([HEADER, bar(0), bar(2), bar(1), bar(4), bar(3)]), {
      symbol: s,
      timeframe: "1m",
    });
    expect(r.reordered).toEqual({ count: 2, firstLine: 4 });
    expect(r.rejectedCount).toBe(0);
    const b = await store.getBars({ symbol: s, timeframe: "1m" });
    expect(Array.from(b.ts)).toEqual([0, 1, 2, 3, 4].map((m) => Date.UTC(2024, 0, 2, 9, m)));
  });

  it("rejects high < low and OHLC inconsistencies naming the bound that was violated", async () => {
    const r = await store.importCsv(
      file([HEADER, bar(0, 10, 9, 9.5, 9.6), bar(1, 10, 10.2, 9, 10.5), bar(2, 10, 11, 10.1, 10.5)]),
      {
        symbol: sym(),
        timeframe: "1m",
      },
    );
    expect(r.accepted).toBe(0);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [2, "high: expected ≥ low (9.5), got 9; high: expected ≥ max(open, close) (10), got 9"],
      [3, "high: expected ≥ max(open, close) (10.5), got 10.2"],
      [4, "low: expected ≤ min(open, close) (10), got 10.1"],
    ]);
  });

  it("rejects non-positive prices and negative volume unless allowNonPositivePrices", async () => {
    const lines = [HEADER, bar(0, -1, 11, -2, 10), bar(1, 10, 11, 9, 10, -5), bar(2, 0, 11, 0, 10)];
    const r = await store.importCsv(file(lines), { symbol: sym(), timeframe: "1m" });
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [2, "open: expected > 0, got -1; low: expected > 0, got -2"],
      [3, "volume: expected ≥ 0, got -5"],
      [4, "open: expected > 0, got 0; low: expected > 0, got 0"],
    ]);
    const ok = await store.importCsv(file(lines), {
      symbol: sym(),
      timeframe: "1m",
      allowNonPositivePrices: true,
    });
    expect(ok.rejected.map((x) => x.line)).toEqual([3]);
  });

  it("throws a ValidationError naming a missing column and the header it looked in", async () => {
    const p = file(["timestamp,open,high,low,volume", "2024-01-02 09:00:00,10,11,9,100"]);
    const err = await store.importCsv(p, { symbol: sym(), timeframe: "1m" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues).toEqual([
      {
        path: "columns.close",
        message: "missing column: none of [close, c, last] is in the header [timestamp,open,high,low,volume]",
      },
    ]);
  });

  it("rejects wrong types (text in a number column, unparseable time, infinite value) per field", async () => {
    const r = await store.importCsv(
      file([
        HEADER,
        "2024-01-02 09:00:00,10,11,9,abc,100",
        "yesterday,10,11,9,10,100",
        "2024-01-02 09:02:00,10,Infinity,9,10,1",
      ]),
      { symbol: sym(), timeframe: "1m" },
    );
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [2, 'close: expected a number, got "abc"'],
      [3, 'ts: expected a auto timestamp, got "yesterday"'],
      [4, "high: expected a finite number, got Infinity"],
    ]);
  });

  it("rejects a row with the wrong number of fields, a misaligned time and counts blank lines", async () => {
    const r = await store.importCsv(
      file([
        HEADER,
        bar(0),
        "2024-01-02 09:01:00,10,11,9,10",
        "",
        "2024-01-02 09:02:30,10,11,9,10,1",
        bar(3),
      ]),
      {
        symbol: sym(),
        timeframe: "1m",
      },
    );
    expect(r.rowsRead).toBe(4);
    expect(r.blankLines).toBe(1);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [3, "expected 6 fields, got 5"],
      [
        5,
        "ts: 2024-01-02T09:02:30.000Z is not the open of a 1m bar in UTC (nearest open 2024-01-02T09:02:00.000Z)",
      ],
    ]);
  });

  it("throws on an empty file and reports zero rows for a header-only file", async () => {
    const empty = join(dir, "empty.csv");
    writeFileSync(empty, "");
    await expect(store.importCsv(empty, { symbol: sym(), timeframe: "1m" })).rejects.toThrow(
      `Invalid file ${empty}: file: is empty: expected a header line and data rows`,
    );
    const r = await store.importCsv(file([HEADER]), { symbol: sym(), timeframe: "1m" });
    expect([r.rowsRead, r.accepted, r.inserted, r.range, r.quarantine]).toEqual([0, 0, 0, null, null]);
  });

  it("refuses a header that does not describe the rows (7 names over 8 fields) unless told to skip it", async () => {
    const lines = [
      "Date,Open,High,Low,Close,Volume,OpenInterest",
      "2006-01-02,09:01:00,3602.00,3603.00,3597.00,3599.00,5699,0",
      "2006-01-02,09:02:00,3600.00,3601.00,3598.00,3599.00,894,0",
    ];
    const p = file(lines);
    await expect(store.importCsv(p, { symbol: sym(), timeframe: "1m" })).rejects.toThrow(
      'line 2: has 8 fields but the header has 7: the header does not describe the rows; pass header: "skip" with positional columns (or a format such as "backtrader-intraday")',
    );
    const s = sym();
    const r = await store.importCsv(p, {
      symbol: s,
      timeframe: "1m",
      format: "backtrader-intraday",
      timezone: "Europe/Berlin",
    });
    expect(r.accepted).toBe(2);
    const b = await store.getBars({ symbol: s, timeframe: "1m" });
    // 09:01 CET labels the close of the 09:00 bar: open 08:00 UTC
    expect(b.ts[0]).toBe(Date.UTC(2006, 0, 2, 8, 0));
    expect(b.volume[1]).toBe(894);
  });

  it("refuses an empty date header by default and names the explicit fix (columns: { ts: 0 })", async () => {
    const p = file([",Open,High,Low,Close,Volume", "2004-08-19,100,104.06,95.96,100.34,22351900"]);
    await expect(store.importCsv(p, { symbol: sym(), timeframe: "1d" })).rejects.toThrow(
      "column 0 has an empty name: pass columns: { ts: 0 }",
    );
    const s = sym();
    await store.importCsv(p, {
      symbol: s,
      timeframe: "1d",
      columns: { ts: 0 },
      timezone: "America/New_York",
    });
    expect((await store.getBars({ symbol: s, timeframe: "1d" })).ts[0]).toBe(Date.UTC(2004, 7, 19, 4));
  });

  it("reads HistData quotes as EST without DST only when the zone is given explicitly", async () => {
    const p = file(["20200101 170000065,1.121200,1.121720,0", "20200701 170000000,1.12,1.13,0"]);
    await expect(store.importQuotes(p, { symbol: sym(), format: "histdata" })).rejects.toThrow(QuantkitError);
    const s = sym();
    await store.importQuotes(p, { symbol: s, format: "histdata", timezone: "Etc/GMT+5" });
    const q = await store.getQuotes({ symbol: s });
    // 17:00 EST is 22:00 UTC in January and (no DST) in July too
    expect(Array.from(q.ts)).toEqual([Date.UTC(2020, 0, 1, 22, 0, 0, 65), Date.UTC(2020, 6, 1, 22)]);
    expect(Number.isNaN(q.bidSize[0]!)).toBe(true);
  });

  it("keeps µs epochs exact (Tardis trades) and rejects crossed quotes and bad sides", async () => {
    const t = file([
      "exchange,symbol,timestamp,local_timestamp,id,side,price,amount",
      "binance-futures,BTCUSDT,1582329602111123,1582329602418379,42377944,buy,9682,0.132",
      "binance-futures,BTCUSDT,1582329602111124,1582329602418379,42377945,hold,9682,0.1",
    ]);
    const s = sym();
    const r = await store.importTrades(t, { symbol: s, format: "tardis" });
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [3, 'side: expected buy/sell/1/-1/0, got "hold"'],
    ]);
    const tr = await store.getTrades({ symbol: s });
    expect(tr.ts[0]).toBe(1582329602111123 / 1000);
    const q = await store.importQuotes(
      file(["timestamp,bid,ask", "2013-01-01 22:00:00.295000+00:00,86.8,86.7"]),
      { symbol: sym() },
    );
    expect(q.rejected[0]!.reason).toBe("bid: expected ≤ ask (86.7), got 86.8 (crossed quote)");
  });

  it("streams a large file (250k rows, ~12 MB: a dozen 1 MiB read buffers) batch by batch and stores every row", async () => {
    const n = 250_000;
    const p = join(dir, "huge.csv");
    const parts: string[] = [HEADER];
    const t0 = Date.UTC(2024, 0, 1);
    for (let i = 0; i < n; i++) {
      const o = 100 + (i % 97) * 0.25;
      parts.push(`${(t0 + i * 1000) / 1000},${o},${o + 1},${o - 1},${o + 0.5},${i % 1000}`);
    }
    writeFileSync(p, `${parts.join("\n")}\n`);
    const s = sym();
    const r = await store.importCsv(p, { symbol: s, timeframe: "1s", tsUnit: "s" });
    expect([r.rowsRead, r.accepted, r.rejectedCount, r.inserted]).toEqual([n, n, 0, n]);
    const b = await store.getBars({ symbol: s, timeframe: "1s" });
    expect(b.length).toBe(n);
    expect(b.ts[n - 1]).toBe(t0 + (n - 1) * 1000);
    expect(b.volume[n - 1]).toBe((n - 1) % 1000);
  });
});
