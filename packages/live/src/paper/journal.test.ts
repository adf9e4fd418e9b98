import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readEventLog } from "@quantkit/backtest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Journal } from "./journal.js";
import { tempDir } from "./paperTestUtil.testutil.js";

describe("Journal", () => {
  it("appends across reopenings in the backtest event-log format, fsyncing durable records only", () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, "events.jsonl");
      const a = Journal.open(path);
      expect(a.recovery.records).toEqual([]);
      a.journal.append(1, "intent", { clientOrderId: "r-1" }, true);
      a.journal.append(2, "fill", { clientOrderId: "r-1", qty: 1 });
      expect(a.journal.fsyncs).toBe(1);
      a.journal.close();
      const b = Journal.open(path);
      expect(b.recovery.records.map((r) => r.type)).toEqual(["intent", "fill"]);
      expect(b.journal.append(3, "order", {})).toBe(2);
      b.journal.close();
      expect(readEventLog(path).records.map((r) => r.seq)).toEqual([0, 1, 2]);
    } finally {
      cleanup();
    }
  });

  it("cuts off an incomplete last line left by a crash mid-write (any prefix of a record) and continues the sequence", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), (cut) => {
        const { dir, cleanup } = tempDir();
        try {
          const path = join(dir, "events.jsonl");
          const a = Journal.open(path);
          a.journal.append(1, "intent", { clientOrderId: "r-1" }, true);
          a.journal.close();
          const line = `{"seq":1,"ts":2,"type":"intent","payload":{"clientOrderId":"r-2","request":{"qty":1}}}\n`;
          appendFileSync(path, line.slice(0, Math.min(cut, line.length - 2)));
          const b = Journal.open(path);
          expect(b.recovery.records).toHaveLength(1);
          expect(b.recovery.truncatedBytes).toBe(Math.min(cut, line.length - 2));
          b.journal.append(3, "intent", { clientOrderId: "r-2" }, true);
          b.journal.close();
          const text = readFileSync(path, "utf8");
          expect(readEventLog(path).records.map((r) => [r.seq, r.type])).toEqual([
            [0, "intent"],
            [1, "intent"],
          ]);
          expect(text.endsWith("\n")).toBe(true);
        } finally {
          cleanup();
        }
      }),
      { numRuns: 30 },
    );
  });
});
